/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Erasing one candidate: every file of the library and the team folder
 * that names them goes, a colleague's file and the other candidate's stay
 * byte for byte. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ik-candidate-match.h"
#include "ik-erase.h"
#include "ik-identity.h"
#include "ik-library.h"
#include "ik-team-folder.h"
#include "ik-test-util.h"

#define ADA_ID "cand-ada-7"
#define GRACE_ID "cand-grace-3"

static GHashTable *
snapshot_new (const char *data_dir,
              const char *team)
{
  const char *dirs[] = { data_dir, team, NULL };

  return ik_test_snapshot_files (dirs);
}

/* Ada's name or id, in any case, in the bytes. */
static gboolean
names_ada (GBytes *bytes)
{
  return ik_test_bytes_contain (bytes, "lovelace") || ik_test_bytes_contain (bytes, "ada-7") ||
         ik_test_bytes_contain (bytes, "augusta");
}

static void
test_erase_candidate (void)
{
  g_autofree char *root = ik_test_make_tmpdir ();
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *team = g_build_filename (root, "team", NULL);
  g_autofree char *colleague_dir = g_build_filename (root, "colleague", NULL);
  g_autofree char *trust = g_build_filename (data_dir, "team-keys.json", NULL);
  g_autofree char *colleague_trust = g_build_filename (colleague_dir, "team-keys.json", NULL);
  g_autofree char *matches_path = g_build_filename (data_dir, IK_CANDIDATE_MATCHES_FILE, NULL);
  g_autofree char *colleague_file = NULL;
  g_autofree char *own_ada = NULL;
  g_autofree char *own_grace = NULL;
  g_autofree char *sync_copy = NULL;
  g_autofree char *conflict_copy = NULL;
  g_autofree char *ada_path = NULL;
  g_autofree char *matches_data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(IkIdentity) colleague = NULL;
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(IkTeamFolder) colleague_folder = NULL;
  g_autoptr(IkCandidateMatches) matches = NULL;
  g_autoptr(IkErasePlan) plan = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(IkSession) ada = ik_test_make_submitted_session ("Ada  Augusta Lovelace", ADA_ID, "Ada’s first answer");
  g_autoptr(IkSession) ada_second = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Second round");
  g_autoptr(IkSession) ada_deleted = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Deleted draft");
  g_autoptr(IkSession) grace = ik_test_make_submitted_session ("Grace Hopper", GRACE_ID, "Grace’s answer");
  g_autoptr(IkSession) colleague_ada = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Colleague’s view");
  g_autofree char *ada_id = g_strdup (ik_session_get_id (ada));
  g_autofree char *grace_id = g_strdup (ik_session_get_id (grace));
  GListModel *sessions;
  GHashTableIter iter;
  gpointer key, value;
  gboolean listed_colleague = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (colleague_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (team, 0700), ==, 0);

  /* The library: two sessions of Ada, one of Grace, a deleted one of Ada
   * in the trash, a conflict copy of Ada's first session. */
  library = ik_test_load_library (data_dir, G_MAXINT);
  ik_library_add_session (library, ada);
  ik_library_add_session (library, ada_second);
  ik_library_add_session (library, ada_deleted);
  ik_library_add_session (library, grace);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_true (ik_library_remove_session (library, ada_deleted, &error));
  g_assert_no_error (error);
  g_clear_object (&library);
  ada_path = g_strdup_printf ("%s/sessions/%s.json", data_dir, ada_id);
  conflict_copy = g_strdup_printf ("%s/sessions/%s.conflict-20261201T101010.000001Z.json", data_dir, ada_id);
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (ada_path, &contents, &len, &error));
    g_assert_true (g_file_set_contents (conflict_copy, contents, len, &error));
  }

  /* The team folder: my scorecards of both, a sync conflict copy of mine,
   * a colleague's of Ada. */
  identity = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  colleague = ik_identity_load_or_create (colleague_dir, &error);
  g_assert_no_error (error);
  folder = ik_team_folder_new (team, identity, trust);
  colleague_folder = ik_team_folder_new (team, colleague, colleague_trust);
  g_assert_true (ik_team_folder_publish (folder, ada, "Rui Almeida", TRUE, &error));
  g_assert_true (ik_team_folder_publish (folder, grace, "Rui Almeida", TRUE, &error));
  g_assert_true (ik_team_folder_publish (colleague_folder, colleague_ada, "Mina Park", TRUE, &error));
  g_assert_no_error (error);
  own_ada = g_strdup_printf ("%s/candidates/" ADA_ID "/%s.json", team, ik_identity_get_id (identity));
  own_grace = g_strdup_printf ("%s/candidates/" GRACE_ID "/%s.json", team, ik_identity_get_id (identity));
  colleague_file = g_strdup_printf ("%s/candidates/" ADA_ID "/%s.json", team, ik_identity_get_id (colleague));
  sync_copy = g_strdup_printf ("%s/candidates/" ADA_ID "/%s.sync-conflict-20261201-101010-ABCDEFG.json",
                               team, ik_identity_get_id (identity));
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (own_ada, &contents, &len, &error));
    g_assert_true (g_file_set_contents (sync_copy, contents, len, &error));
  }

  /* Answers about Ada's ids and Grace's. */
  matches = ik_candidate_matches_new (matches_path, &error);
  g_assert_no_error (error);
  g_assert_true (ik_candidate_matches_confirm (matches, ADA_ID, "cand-ada-8", TRUE, &error));
  g_assert_true (ik_candidate_matches_confirm (matches, GRACE_ID, "cand-other", FALSE, &error));
  g_assert_no_error (error);

  library = ik_test_load_library (data_dir, G_MAXINT);
  sessions = ik_library_get_sessions (library);
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 3);
  g_assert_true (ik_team_folder_reload (folder, &error));
  g_assert_no_error (error);
  before = snapshot_new (data_dir, team);

  /* A name that is not stored, and one given to two ids. */
  g_assert_null (ik_erase_plan_new (library, folder, data_dir, "Nobody Here", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(IkSession) other_grace = ik_test_make_submitted_session ("grace  HOPPER", "cand-grace-9", "Namesake");
    g_autoptr(IkErasePlan) refused = NULL;

    ik_library_add_session (library, other_grace);
    refused = ik_erase_plan_new (library, folder, data_dir, "Grace Hopper", &error);
    g_assert_null (refused);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, GRACE_ID));
    g_assert_nonnull (strstr (error->message, "cand-grace-9"));
    g_clear_error (&error);
    g_assert_true (ik_library_remove_session (library, other_grace, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&before, g_hash_table_unref);
  before = snapshot_new (data_dir, team);

  /* By name, without case and with other spaces. */
  plan = ik_erase_plan_new (library, folder, data_dir, "  ada augusta\tLOVELACE ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_erase_plan_get_candidate_id (plan), ==, ADA_ID);
  for (guint i = 0; i < ik_erase_plan_get_n_items (plan); i++)
    {
      g_assert_nonnull (ik_erase_plan_get_description (plan, i));
      if (g_strcmp0 (ik_erase_plan_get_path (plan, i), colleague_file) == 0)
        listed_colleague = TRUE;
    }
  g_assert_false (listed_colleague);
  /* Planning changes nothing. */
  after = snapshot_new (data_dir, team);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_clear_pointer (&after, g_hash_table_unref);

  g_assert_true (ik_erase_plan_execute (plan, &error));
  g_assert_no_error (error);

  /* The list shows Grace only. */
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  g_assert_nonnull (ik_library_find_session (library, grace_id));
  g_assert_null (ik_library_find_session (library, ada_id));
  g_assert_false (g_file_test (own_ada, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sync_copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (conflict_copy, G_FILE_TEST_EXISTS));

  /* Every byte of every file, but the colleague's: no trace of Ada. */
  after = snapshot_new (data_dir, team);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (key, colleague_file) == 0)
        continue;
      if (names_ada (value) || strstr (key, ADA_ID) != NULL || strstr (key, ada_id) != NULL)
        g_error ("%s still names the candidate", (char *) key);
    }

  /* The colleague's file, Grace's files and every other file are as they
   * were; the answers keep Grace's pair. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *now = g_hash_table_lookup (after, key);

      if (g_strcmp0 (key, matches_path) == 0 ||
          (names_ada (value) && g_strcmp0 (key, colleague_file) != 0))
        continue;
      if (now == NULL || !g_bytes_equal (now, value))
        g_error ("%s was changed", (char *) key);
    }
  g_assert_nonnull (g_hash_table_lookup (after, colleague_file));
  g_assert_nonnull (g_hash_table_lookup (after, own_grace));
  g_assert_true (g_file_get_contents (matches_path, &matches_data, NULL, &error));
  g_assert_nonnull (strstr (matches_data, GRACE_ID));
  g_assert_nonnull (strstr (matches_data, "cand-other"));

  /* Nothing left to erase. */
  g_clear_pointer (&plan, ik_erase_plan_free);
  plan = ik_erase_plan_new (library, folder, data_dir, ADA_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ik_erase_plan_get_n_items (plan), ==, 0);

  g_clear_object (&library);
  ik_test_rm_rf (root);
}

/* The plan for some sessions (the retention review's): their files go;
 * the candidate's team file and answers only with their last session.
 * Executed asynchronously, as the window does. */
static void
test_erase_sessions (void)
{
  g_autofree char *root = ik_test_make_tmpdir ();
  g_autofree char *data_dir = g_build_filename (root, "data", NULL);
  g_autofree char *team = g_build_filename (root, "team", NULL);
  g_autofree char *trust = g_build_filename (data_dir, "team-keys.json", NULL);
  g_autofree char *own_ada = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  g_autofree char *trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkIdentity) identity = NULL;
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(IkErasePlan) plan = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(IkSession) first = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Old round");
  g_autoptr(IkSession) second = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "New round");
  g_autoptr(IkSession) grace = ik_test_make_submitted_session ("Grace Hopper", GRACE_ID, "Grace’s answer");
  const char *dirs[] = { data_dir, team, NULL };
  const char *ada[] = { "lovelace", "ada-7", "augusta", NULL, NULL, NULL };
  gboolean listed_team = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (team, 0700), ==, 0);
  library = ik_test_load_library (data_dir, G_MAXINT);
  ik_library_add_session (library, first);
  ik_library_add_session (library, second);
  ik_library_add_session (library, grace);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  first_path = g_strdup_printf ("%s/sessions/%s.json", data_dir, ik_session_get_id (first));
  second_path = g_strdup_printf ("%s/sessions/%s.json", data_dir, ik_session_get_id (second));
  ada[3] = ik_session_get_id (first);
  ada[4] = ik_session_get_id (second);

  identity = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  folder = ik_team_folder_new (team, identity, trust);
  g_assert_true (ik_team_folder_publish (folder, second, "Rui Almeida", TRUE, &error));
  g_assert_no_error (error);
  own_ada = g_strdup_printf ("%s/candidates/" ADA_ID "/%s.json", team, ik_identity_get_id (identity));
  g_assert_true (g_file_test (own_ada, G_FILE_TEST_EXISTS));

  /* One of Ada's two sessions: her team file stays. */
  g_ptr_array_add (selected, g_object_ref (first));
  plan = ik_erase_plan_new_for_sessions (library, folder, data_dir, selected, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ik_erase_plan_get_n_items (plan), ==, 1);
  g_assert_cmpstr (ik_erase_plan_get_path (plan, 0), ==, first_path);
  ik_erase_plan_execute_async (plan, NULL, ik_test_store_result, &result);
  /* The session leaves the list at once, its file in the worker. */
  g_assert_null (ik_library_find_session (library, ada[3]));
  g_assert_true (ik_erase_plan_execute_finish (plan, ik_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (own_ada, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (ik_test_count_entries (library->trash_dir), ==, 0);
  g_clear_pointer (&plan, ik_erase_plan_free);

  /* A session no longer in the library is refused. */
  plan = ik_erase_plan_new_for_sessions (library, folder, data_dir, selected, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Her last session: the team file goes with it. */
  g_ptr_array_set_size (selected, 0);
  g_ptr_array_add (selected, g_object_ref (second));
  plan = ik_erase_plan_new_for_sessions (library, folder, data_dir, selected, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ik_erase_plan_get_n_items (plan); i++)
    if (g_strcmp0 (ik_erase_plan_get_path (plan, i), own_ada) == 0)
      listed_team = TRUE;
  g_assert_true (listed_team);
  ik_erase_plan_execute_async (plan, NULL, ik_test_store_result, &result);
  g_assert_true (ik_erase_plan_execute_finish (plan, ik_test_wait_result (&result), &error));
  g_assert_no_error (error);

  /* Every byte: no trace of Ada; Grace is still there. */
  files = ik_test_snapshot_files (dirs);
  trace = ik_test_find_trace (files, ada);
  if (trace != NULL)
    g_error ("%s still names the candidate", trace);
  g_assert_nonnull (ik_library_find_session (library, ik_session_get_id (grace)));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 1);

  g_clear_object (&library);
  ik_test_rm_rf (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/erase/candidate", test_erase_candidate);
  g_test_add_func ("/erase/sessions", test_erase_sessions);
  return g_test_run ();
}
