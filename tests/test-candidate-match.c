/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One candidate under two ids: offered, never merged until confirmed. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ik-bank.h"
#include "ik-candidate-match.h"
#include "ik-json.h"
#include "ik-session.h"
#include "ik-team-scorecard.h"
#include "ik-test-util.h"

static IkTeamScorecard *
make_scorecard (IkBank     *bank,
                const char *candidate_id,
                const char *name,
                const char *role,
                const char *interviewer_id)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 30, 14, 0, 0);

  g_assert_true (ik_session_set_candidate_id (session, candidate_id));
  ik_session_set_candidate_name (session, name);
  ik_session_set_role (session, role);
  ik_session_add_question (session, question);
  ik_session_ensure_scorecard_ratings (session, bank);
  g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (session), when));
  return ik_team_scorecard_new_from_session (session, interviewer_id, interviewer_id, FALSE, when);
}

static GListModel *
make_team (IkBank *bank)
{
  GListStore *store = g_list_store_new (IK_TYPE_TEAM_SCORECARD);
  IkTeamScorecard *items[] = {
    make_scorecard (bank, "cand-b", "Ada  Lovelace", "Security Engineer", "alice"),
    make_scorecard (bank, "cand-b", "Ada Lovelace", "Security Engineer", "bob"),
    /* Same person, started without the plan: another id. */
    make_scorecard (bank, "cand-a", "ADA LOVELACE ", "security engineer", "carol"),
    /* Same name, another role: not offered. */
    make_scorecard (bank, "cand-c", "Ada Lovelace", "Data Engineer", "dan"),
    /* No name: never matched. */
    make_scorecard (bank, "cand-d", "", "Security Engineer", "erin"),
    make_scorecard (bank, "cand-e", "", "Security Engineer", "frank"),
    /* Altered: not evidence of anything. */
    make_scorecard (bank, "cand-f", "Ada Lovelace", "Security Engineer", "gina"),
  };

  ik_team_scorecard_set_signature_state (items[6], IK_SIGNATURE_ALTERED);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_list_store_append (store, items[i]);
      g_object_unref (items[i]);
    }
  return G_LIST_MODEL (store);
}

static void
test_find_and_confirm (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(GListModel) team = make_team (bank);
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "team-candidates.json", NULL);
  g_autoptr(IkCandidateMatches) matches = NULL;
  g_autoptr(IkCandidateMatches) reread = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) group = NULL;
  IkCandidateMatch *match;

  matches = ik_candidate_matches_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  found = ik_candidate_find_matches (team, matches);
  g_assert_cmpuint (found->len, ==, 1);
  match = g_ptr_array_index (found, 0);
  g_assert_cmpstr (match->name, ==, "Ada  Lovelace");
  g_assert_cmpstr (match->role, ==, "Security Engineer");
  g_assert_cmpuint (g_strv_length (match->candidate_ids), ==, 2);
  g_assert_cmpstr (match->candidate_ids[0], ==, "cand-a");
  g_assert_cmpstr (match->candidate_ids[1], ==, "cand-b");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Nothing is merged until the user says so. */
  g_assert_cmpstr (ik_candidate_matches_resolve (matches, "cand-b"), ==, "cand-b");

  g_assert_true (ik_candidate_matches_confirm (matches, "cand-b", "cand-a", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ik_test_file_mode (path), ==, 0600);
  g_assert_cmpstr (ik_candidate_matches_resolve (matches, "cand-b"), ==, "cand-a");
  g_assert_cmpstr (ik_candidate_matches_resolve (matches, "cand-a"), ==, "cand-a");
  group = ik_candidate_matches_get_group (matches, "cand-b");
  g_assert_cmpuint (g_strv_length (group), ==, 2);
  g_assert_cmpstr (group[0], ==, "cand-a");
  g_assert_cmpstr (group[1], ==, "cand-b");
  g_clear_pointer (&group, g_strfreev);

  found = ik_candidate_find_matches (team, matches);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Kept: another run reads the same answers. */
  reread = ik_candidate_matches_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_candidate_matches_resolve (reread, "cand-b"), ==, "cand-a");
  group = ik_candidate_matches_get_group (reread, "cand-z");
  g_assert_cmpuint (g_strv_length (group), ==, 1);
  g_assert_cmpstr (group[0], ==, "cand-z");
  ik_test_assert_schema_valid ("candidate-matches.schema.json", path);

  ik_test_rm_rf (dir);
}

static void
test_different_and_chains (void)
{
  g_autoptr(IkBank) bank = ik_test_load_bundled_bank ();
  g_autoptr(GListModel) team = make_team (bank);
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "team-candidates.json", NULL);
  g_autoptr(IkCandidateMatches) matches = ik_candidate_matches_new (path, NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) group = NULL;

  g_assert_true (ik_candidate_matches_confirm (matches, "cand-a", "cand-b", FALSE, NULL));
  found = ik_candidate_find_matches (team, matches);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_true (ik_candidate_matches_is_answered (matches, "cand-b", "cand-a"));
  g_assert_false (ik_candidate_matches_is_answered (matches, "cand-b", "cand-c"));

  /* z ~ y and y ~ x: one group, shown under the smallest id. */
  g_assert_true (ik_candidate_matches_confirm (matches, "z", "y", TRUE, NULL));
  g_assert_true (ik_candidate_matches_confirm (matches, "y", "x", TRUE, NULL));
  g_assert_cmpstr (ik_candidate_matches_resolve (matches, "z"), ==, "x");
  group = ik_candidate_matches_get_group (matches, "z");
  g_assert_cmpuint (g_strv_length (group), ==, 3);
  g_assert_cmpstr (group[0], ==, "x");
  g_assert_cmpstr (group[2], ==, "z");
  g_assert_true (ik_candidate_matches_is_answered (matches, "z", "x"));

  ik_test_rm_rf (dir);
}

static void
test_bad_file_kept (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "team-candidates.json", NULL);
  const char *bad[] = {
    "{\"format\":\"interview-kit/candidate-matches\",\"version\":1,\"same\":[[\"a\"]]}",
    "{\"format\":\"interview-kit/candidate-matches\",\"version\":1,\"same\":[[\"a\",\"../b\"]]}",
    "{\"format\":\"interview-kit/candidate-matches\",\"version\":2}",
    "{\"format\":\"interview-kit/bank\",\"version\":1}",
    "{\"format\":",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      g_assert_null (ik_candidate_matches_new (path, &error));
      g_assert_nonnull (error);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, bad[i]);
    }

  /* A folder that cannot be written: the answer is refused, not half kept. */
  if (geteuid () != 0)
    {
      g_autofree char *locked = g_build_filename (dir, "locked", NULL);
      g_autofree char *inside = g_build_filename (locked, "team-candidates.json", NULL);
      g_autoptr(IkCandidateMatches) matches = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      matches = ik_candidate_matches_new (inside, &error);
      g_assert_no_error (error);
      g_assert_false (ik_candidate_matches_confirm (matches, "a", "b", TRUE, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (ik_candidate_matches_resolve (matches, "b"), ==, "b");
      g_chmod (locked, 0700);
    }

  ik_test_rm_rf (dir);
}

/* Two writers of one answers file (two windows, a synced data folder):
 * neither loses the other's answers, and members of a later version
 * survive both saves. */
static void
test_other_writer (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, IK_CANDIDATE_MATCHES_FILE, NULL);
  g_autoptr(IkCandidateMatches) first = NULL;
  g_autoptr(IkCandidateMatches) second = NULL;
  g_autoptr(IkCandidateMatches) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_set_contents (path,
                       "{\"format\":\"interview-kit/candidate-matches\",\"version\":1,"
                       "\"same\":[],\"different\":[],\"future_member\":{\"weight\":1.5}}",
                       -1, &error);
  g_assert_no_error (error);
  first = ik_candidate_matches_new (path, &error);
  g_assert_no_error (error);
  second = ik_candidate_matches_new (path, &error);
  g_assert_no_error (error);

  g_assert_true (ik_candidate_matches_confirm (first, "cand-a", "cand-b", TRUE, &error));
  g_assert_no_error (error);
  /* The second has not seen the first's answer; its save merges it. */
  g_assert_true (ik_candidate_matches_confirm (second, "cand-c", "cand-d", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ik_candidate_matches_resolve (second, "cand-b"), ==, "cand-a");

  reread = ik_candidate_matches_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_candidate_matches_resolve (reread, "cand-b"), ==, "cand-a");
  g_assert_true (ik_candidate_matches_is_answered (reread, "cand-d", "cand-c"));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  /* Compared without the writer's white space. */
  {
    char *to = contents;

    for (const char *from = contents; *from != '\0'; from++)
      if (!g_ascii_isspace (*from))
        *to++ = *from;
    *to = '\0';
  }
  g_assert_nonnull (strstr (contents, "\"future_member\":{\"weight\":1.5}"));

  /* And the first, behind now, merges the second's before it writes. */
  g_assert_true (ik_candidate_matches_confirm (first, "cand-e", "cand-f", TRUE, &error));
  g_assert_no_error (error);
  g_clear_object (&reread);
  reread = ik_candidate_matches_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (ik_candidate_matches_is_answered (reread, "cand-c", "cand-d"));
  g_assert_cmpstr (ik_candidate_matches_resolve (reread, "cand-f"), ==, "cand-e");
  g_assert_cmpstr (ik_candidate_matches_resolve (reread, "cand-b"), ==, "cand-a");

  ik_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/candidate-match/find-and-confirm", test_find_and_confirm);
  g_test_add_func ("/candidate-match/different-and-chains", test_different_and_chains);
  g_test_add_func ("/candidate-match/bad-file-kept", test_bad_file_kept);
  g_test_add_func ("/candidate-match/other-writer", test_other_writer);

  return g_test_run ();
}
