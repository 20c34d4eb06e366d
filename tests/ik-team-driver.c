/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-driver: one interviewer of tests/test-team-sync.py, over the model.
 *
 * Each process is one interviewer: its library, identity and pinned keys
 * live in `$XDG_DATA_HOME/<app id>/`, as in the application. Subcommands:
 *
 *   plan --out DIR --candidate NAME --role ROLE --interviewer NAME --panel N
 *     Plans a panel from the first bank of the library and writes the plan
 *     files (ik_plan_new_panel(), ik_plan_export_panel()). Prints
 *     "candidate <id>" and one "plan <path>" per interviewer.
 *   submit --plan FILE --team DIR --name NAME --variant K
 *     Reads the plan (ik_plan_read_file()), adds the session to the
 *     library, rates every competency with evidence (levels and
 *     recommendation depend on K), submits and publishes to DIR. Prints
 *     "interviewer <id>", "fingerprint <fp>", "published <path>".
 *   amend --candidate ID --team DIR --reason TEXT
 *     Amends the submitted scorecard of the candidate's session: the first
 *     competency goes one level up (4 wraps to 1), then submits and
 *     publishes again. Prints "rating <competency> <old>-><new>" and
 *     "published <path>".
 *   debrief --candidate ID --team DIR [--hiring-lead yes]
 *     Prints ik_debrief_to_markdown() of the candidate, read from DIR.
 *   verify --team DIR
 *     Prints "scorecard <candidate-id>/<interviewer-id> <STATE>" for every
 *     scorecard in DIR, then the conflicts as below.
 *   conflicts --team DIR
 *     Prints "conflict <origin> <original path> <copy path>" per conflict.
 *
 * Errors go to stderr as "ik-team-driver: …" with exit status 1 (2 for a
 * wrong command line).
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ik-debrief.h"
#include "ik-enums.h"
#include "ik-file-store.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-library-private.h"
#include "ik-plan-files.h"
#include "ik-problem.h"
#include "ik-question-record.h"
#include "ik-scorecard.h"
#include "ik-session.h"
#include "ik-team-folder.h"
#include "ik-team-scorecard.h"

static int
fail (const char *what,
      GError     *error)
{
  g_printerr ("ik-team-driver: %s%s%s\n", what,
              error != NULL ? ": " : "", error != NULL ? error->message : "");
  return 1;
}

static char *
data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
}

/* "--key value" pairs after the subcommand; NULL on a malformed line. */
static GHashTable *
parse_options (int    argc,
               char **argv)
{
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 2; i < argc; i += 2)
    {
      if (!g_str_has_prefix (argv[i], "--") || i + 1 >= argc)
        return NULL;
      g_hash_table_insert (options, argv[i] + 2, argv[i + 1]);
    }
  return g_steal_pointer (&options);
}

static const char *
need (GHashTable *options,
      const char *name)
{
  const char *value = g_hash_table_lookup (options, name);

  if (value == NULL)
    {
      g_printerr ("ik-team-driver: --%s is required\n", name);
      exit (2);
    }
  return value;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static IkLibrary *
load_library (GError **error)
{
  g_autofree char *dir = data_dir ();
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *problems;

  if (!ik_file_store_ensure_dir (dir, error))
    return NULL;
  library = ik_library_new (dir);
  ik_library_load_async (library, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!ik_library_load_finish (library, result, error))
    return NULL;
  problems = ik_library_get_problems (library);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, i);

      g_printerr ("ik-team-driver: library problem: %s: %s\n",
                  ik_problem_get_path (problem), ik_problem_get_message (problem));
    }
  return g_steal_pointer (&library);
}

static IkTeamFolder *
open_team (const char  *path,
           gboolean     reload,
           GError     **error)
{
  g_autofree char *dir = data_dir ();
  g_autofree char *trust_path = g_build_filename (dir, "team-keys.json", NULL);
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(IkTeamFolder) team = NULL;

  if (!ik_file_store_ensure_dir (dir, error))
    return NULL;
  identity = ik_identity_load_or_create (dir, error);
  if (identity == NULL)
    return NULL;
  team = ik_team_folder_new (path, identity, trust_path);
  if (reload && !ik_team_folder_reload (team, error))
    return NULL;
  return g_steal_pointer (&team);
}

static gboolean
submit_and_publish (IkLibrary    *library,
                    IkSession    *session,
                    const char   *team_path,
                    GError      **error)
{
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkTeamFolder) team = NULL;
  g_autofree char *card_path = NULL;

  if (!ik_scorecard_submit (scorecard, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the scorecard was already submitted");
      return FALSE;
    }
  ik_session_set_state (session, IK_SESSION_STATE_SUBMITTED);
  if (!ik_library_flush (library, error))
    return FALSE;

  team = open_team (team_path, FALSE, error);
  if (team == NULL)
    return FALSE;
  if (!ik_team_folder_publish (team, session, ik_session_get_interviewer (session), FALSE, error))
    return FALSE;
  card_path = g_build_filename (team_path, "candidates", ik_session_get_candidate_id (session),
                                ik_identity_get_id (ik_team_folder_get_identity (team)), NULL);
  g_print ("interviewer %s\n", ik_identity_get_id (ik_team_folder_get_identity (team)));
  g_print ("fingerprint %s\n", ik_identity_get_fingerprint (ik_team_folder_get_identity (team)));
  g_print ("published %s.json\n", card_path);
  return TRUE;
}

/* Subcommands ******************************************************************/

static int
cmd_plan (GHashTable *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = load_library (&error);
  g_autoptr(IkSession) session = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GFile) folder = NULL;
  guint64 panel = 0;

  if (library == NULL)
    return fail ("cannot load the library", error);
  if (g_list_model_get_n_items (ik_library_get_banks (library)) == 0)
    return fail ("the library has no bank to plan from", NULL);
  bank = g_list_model_get_item (ik_library_get_banks (library), 0);
  if (!g_ascii_string_to_unsigned (need (options, "panel"), 10, 1, 12, &panel, &error))
    return fail ("--panel", error);

  session = ik_session_new ();
  ik_session_set_candidate_name (session, need (options, "candidate"));
  ik_session_set_role (session, need (options, "role"));
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  ik_session_set_interviewer (session, need (options, "interviewer"));
  ik_session_set_duration (session, 45);

  plans = ik_plan_new_panel (session, bank, (guint) panel, 30);
  folder = g_file_new_for_path (need (options, "out"));
  if (!ik_plan_export_panel (plans, folder, &error))
    return fail ("cannot write the plan files", error);

  g_print ("candidate %s\n", ik_session_get_candidate_id (g_ptr_array_index (plans, 0)));
  for (guint k = 0; k < plans->len; k++)
    {
      g_autofree char *name = ik_plan_file_name (g_ptr_array_index (plans, k), k);
      g_autofree char *path = g_build_filename (need (options, "out"), name, NULL);

      g_print ("plan %s\n", path);
    }
  return 0;
}

static int
cmd_submit (GHashTable *options)
{
  static const IkRecommendation recommendations[] = {
    IK_RECOMMENDATION_YES, IK_RECOMMENDATION_NO, IK_RECOMMENDATION_STRONG_YES,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = load_library (&error);
  g_autoptr(GFile) plan_file = NULL;
  g_autoptr(IkSession) plan = NULL;
  IkSession *session;
  IkScorecard *scorecard;
  GListModel *records;
  GListModel *ratings;
  IkBank *bank;
  guint64 variant = 0;

  if (library == NULL)
    return fail ("cannot load the library", error);
  if (!g_ascii_string_to_unsigned (need (options, "variant"), 10, 0, 99, &variant, &error))
    return fail ("--variant", error);

  plan_file = g_file_new_for_path (need (options, "plan"));
  plan = ik_plan_read_file (plan_file, NULL, &error);
  if (plan == NULL)
    return fail ("cannot read the plan", error);
  ik_session_set_interviewer (plan, need (options, "name"));
  session = ik_library_add_session (library, plan);

  /* The interview: notes on every question (private: not shared). */
  records = ik_session_get_records (session);
  if (g_list_model_get_n_items (records) == 0)
    return fail ("the plan has no questions", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      g_autofree char *notes = g_strdup_printf ("Private notes of %s on question %u.",
                                                need (options, "name"), i + 1);

      ik_question_record_set_notes (record, notes);
    }

  bank = ik_library_find_bank (library, ik_session_get_bank_id (session));
  ik_session_ensure_scorecard_ratings (session, bank);
  scorecard = ik_session_get_scorecard (session);
  ratings = ik_scorecard_get_ratings (scorecard);
  if (g_list_model_get_n_items (ratings) == 0)
    return fail ("the plan names no competency to rate", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      g_autofree char *evidence = g_strdup_printf ("%s saw level %u evidence for %s.",
                                                   need (options, "name"),
                                                   (guint) ((variant + i) % IK_RATING_MAX) + 1,
                                                   ik_competency_rating_get_competency_name (rating));

      ik_competency_rating_set_rating (rating, (int) ((variant + i) % IK_RATING_MAX) + 1);
      ik_competency_rating_set_evidence (rating, evidence);
    }
  ik_scorecard_set_recommendation (scorecard, recommendations[variant % G_N_ELEMENTS (recommendations)]);
  ik_scorecard_set_summary (scorecard, "Solid interview; see the evidence per competency.");
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);

  if (!submit_and_publish (library, session, need (options, "team"), &error))
    return fail ("cannot submit and publish", error);
  return 0;
}

static int
cmd_amend (GHashTable *options)
{
  const char *candidate_id = need (options, "candidate");
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = load_library (&error);
  g_autoptr(IkCompetencyRating) rating = NULL;
  g_autofree char *evidence = NULL;
  IkSession *session = NULL;
  IkScorecard *scorecard;
  GListModel *sessions;
  int old_level, new_level;

  if (library == NULL)
    return fail ("cannot load the library", error);
  sessions = ik_library_get_sessions (library);
  for (guint i = 0; i < g_list_model_get_n_items (sessions) && session == NULL; i++)
    {
      g_autoptr(IkSession) candidate = g_list_model_get_item (sessions, i);

      /* The library keeps its reference. */
      if (g_strcmp0 (ik_session_get_candidate_id (candidate), candidate_id) == 0)
        session = candidate;
    }
  if (session == NULL)
    return fail ("no interview of that candidate in the library", NULL);

  scorecard = ik_session_get_scorecard (session);
  if (!ik_scorecard_amend (scorecard, need (options, "reason"), &error))
    return fail ("cannot amend", error);
  ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);

  rating = g_list_model_get_item (ik_scorecard_get_ratings (scorecard), 0);
  old_level = ik_competency_rating_get_rating (rating);
  new_level = old_level >= 1 && old_level < IK_RATING_MAX ? old_level + 1 : 1;
  evidence = g_strdup_printf ("%s Re-rated from %d to %d on amendment.",
                              ik_competency_rating_get_evidence (rating), old_level, new_level);
  if (!ik_competency_rating_set_rating (rating, new_level)
      || !ik_competency_rating_set_evidence (rating, evidence))
    return fail ("the amended scorecard refused an edit", NULL);

  if (!submit_and_publish (library, session, need (options, "team"), &error))
    return fail ("cannot submit and publish the amendment", error);
  g_print ("rating %s %d->%d\n", ik_competency_rating_get_competency_id (rating), old_level, new_level);
  return 0;
}

static int
cmd_debrief (GHashTable *options)
{
  const char *candidate_id = need (options, "candidate");
  const char *lead = g_hash_table_lookup (options, "hiring-lead");
  g_autoptr(GError) error = NULL;
  g_autoptr(IkTeamFolder) team = open_team (need (options, "team"), TRUE, &error);
  g_autoptr(GPtrArray) scorecards = NULL;
  g_autoptr(IkDebrief) debrief = NULL;
  g_autofree char *markdown = NULL;

  if (team == NULL)
    return fail ("cannot read the team folder", error);
  scorecards = ik_team_folder_list_candidate (team, candidate_id);
  debrief = ik_debrief_new (candidate_id, scorecards,
                            ik_identity_get_id (ik_team_folder_get_identity (team)),
                            g_strcmp0 (lead, "yes") == 0);
  markdown = ik_debrief_to_markdown (debrief);
  fputs (markdown, stdout);
  return 0;
}

static void
print_conflicts (IkTeamFolder *team)
{
  GListModel *conflicts = ik_team_folder_get_conflicts (team);

  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(IkTeamConflict) conflict = g_list_model_get_item (conflicts, i);

      g_print ("conflict %s %s %s\n", ik_team_conflict_get_origin (conflict),
               ik_team_conflict_get_original_path (conflict),
               ik_team_conflict_get_copy_path (conflict));
    }
}

static int
cmd_verify (GHashTable *options)
{
  static const char * const states[] = {
    [IK_SIGNATURE_VALID] = "VALID",
    [IK_SIGNATURE_UNKNOWN] = "UNKNOWN",
    [IK_SIGNATURE_ALTERED] = "ALTERED",
    [IK_SIGNATURE_KEY_CHANGED] = "KEY_CHANGED",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(IkTeamFolder) team = open_team (need (options, "team"), TRUE, &error);
  GListModel *scorecards;

  if (team == NULL)
    return fail ("cannot read the team folder", error);
  scorecards = ik_team_folder_get_scorecards (team);
  for (guint i = 0; i < g_list_model_get_n_items (scorecards); i++)
    {
      g_autoptr(IkTeamScorecard) card = g_list_model_get_item (scorecards, i);
      IkSignatureState state = ik_team_scorecard_get_signature_state (card);

      g_print ("scorecard %s/%s %s\n", ik_team_scorecard_get_candidate_id (card),
               ik_team_scorecard_get_interviewer_id (card),
               state < G_N_ELEMENTS (states) ? states[state] : "?");
    }
  print_conflicts (team);
  return 0;
}

static int
cmd_conflicts (GHashTable *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkTeamFolder) team = open_team (need (options, "team"), TRUE, &error);

  if (team == NULL)
    return fail ("cannot read the team folder", error);
  print_conflicts (team);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (GHashTable *options);
  } commands[] = {
    { "plan", cmd_plan },
    { "submit", cmd_submit },
    { "amend", cmd_amend },
    { "debrief", cmd_debrief },
    { "verify", cmd_verify },
    { "conflicts", cmd_conflicts },
  };
  g_autoptr(GHashTable) options = NULL;

  setlocale (LC_ALL, "");
  if (argc >= 2)
    options = parse_options (argc, argv);
  if (options != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (options);

  g_printerr ("usage: ik-team-driver plan|submit|amend|debrief|verify|conflicts --option value …\n");
  return 2;
}
