/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Subject access (issue 14): everything stored about one candidate, found
 * as erasing finds it, in one JSON file with the list of its sources; no
 * other candidate's data in it. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ik-candidate-match.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-subject-access.h"
#include "ik-team-folder.h"
#include "ik-test-util.h"

#define ADA_ID "cand-ada-7"
#define GRACE_ID "cand-grace-3"

typedef struct
{
  char         *root;
  char         *data_dir;
  char         *team;
  char         *out;
  char         *ada_path;
  char         *trash_ada;
  char         *own_team_file;
  char         *colleague_file;
  IkLibrary    *library;
  IkTeamFolder *folder;
  IkIdentity   *identity;
} Fixture;


/* Ada: two sessions, one deleted (in the trash), a team file; Grace: a
 * session, a team file; answers about both. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) ada = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Ada’s first answer");
  g_autoptr(IkSession) ada_second = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Second round");
  g_autoptr(IkSession) ada_deleted = ik_test_make_submitted_session ("Ada Augusta Lovelace", ADA_ID, "Deleted draft");
  g_autoptr(IkSession) grace = ik_test_make_submitted_session ("Grace Hopper", GRACE_ID, "Grace’s answer");
  g_autoptr(IkCandidateMatches) matches = NULL;
  g_autofree char *trust = NULL;
  g_autofree char *matches_path = NULL;
  g_autofree char *trash_dir = NULL;
  g_autoptr(GDir) trash = NULL;
  const char *name;

  f->root = ik_test_make_tmpdir ();
  f->data_dir = g_build_filename (f->root, "data", NULL);
  f->team = g_build_filename (f->root, "team", NULL);
  f->out = g_build_filename (f->root, "out", NULL);
  trust = g_build_filename (f->data_dir, "team-keys.json", NULL);
  matches_path = g_build_filename (f->data_dir, IK_CANDIDATE_MATCHES_FILE, NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->data_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (f->team, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (f->out, 0700), ==, 0);

  f->library = ik_test_load_library (f->data_dir, G_MAXINT);
  ik_library_add_session (f->library, ada);
  ik_library_add_session (f->library, ada_second);
  ik_library_add_session (f->library, ada_deleted);
  ik_library_add_session (f->library, grace);
  g_assert_true (ik_library_flush (f->library, &error));
  g_assert_true (ik_library_remove_session (f->library, ada_deleted, &error));
  g_assert_no_error (error);
  f->ada_path = g_strdup_printf ("%s/sessions/%s.json", f->data_dir, ik_session_get_id (ada));
  trash_dir = g_build_filename (f->data_dir, "trash", NULL);
  trash = g_dir_open (trash_dir, 0, NULL);
  while (trash != NULL && (name = g_dir_read_name (trash)) != NULL)
    if (strstr (name, ik_session_get_id (ada_deleted)) != NULL)
      f->trash_ada = g_build_filename (trash_dir, name, NULL);
  g_assert_nonnull (f->trash_ada);

  f->identity = ik_identity_load_or_create (f->data_dir, &error);
  g_assert_no_error (error);
  f->folder = ik_team_folder_new (f->team, f->identity, trust);
  g_assert_true (ik_team_folder_publish (f->folder, ada, "Rui Almeida", TRUE, &error));
  g_assert_true (ik_team_folder_publish (f->folder, grace, "Rui Almeida", TRUE, &error));
  g_assert_no_error (error);
  f->own_team_file = g_strdup_printf ("%s/candidates/" ADA_ID "/%s.json", f->team, ik_identity_get_id (f->identity));
  /* A colleague's scorecard of Ada, synced into the folder. */
  f->colleague_file = g_strdup_printf ("%s/candidates/" ADA_ID "/colleague-4f2a.json", f->team);
  g_assert_true (g_file_set_contents (f->colleague_file, "{\"evidence\": \"A colleague heard Ada on audits\"}", -1, &error));

  matches = ik_candidate_matches_new (matches_path, &error);
  g_assert_no_error (error);
  g_assert_true (ik_candidate_matches_confirm (matches, ADA_ID, "cand-ada-8", TRUE, &error));
  g_assert_true (ik_candidate_matches_confirm (matches, GRACE_ID, "cand-other", FALSE, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  g_clear_object (&f->folder);
  g_clear_object (&f->identity);
  ik_test_rm_rf (f->root);
  g_free (f->root);
  g_free (f->data_dir);
  g_free (f->team);
  g_free (f->out);
  g_free (f->ada_path);
  g_free (f->trash_ada);
  g_free (f->own_team_file);
  g_free (f->colleague_file);
}

static gboolean
array_holds (JsonArray  *array,
             const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSubjectAccess) access = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *written = NULL;
  JsonObject *root;
  JsonArray *sources;
  JsonArray *sessions;
  JsonArray *files;

  /* Nobody of that name: nothing to write. */
  g_assert_null (ik_subject_access_new (f->library, f->folder, f->data_dir, "Nobody Here", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* By name, in another case and spacing. */
  access = ik_subject_access_new (f->library, f->folder, f->data_dir, "ada  augusta LOVELACE", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_subject_access_get_candidate_id (access), ==, ADA_ID);
  report = ik_subject_access_build (access);
  text = ik_json_to_data (report, NULL, NULL);
  root = json_node_get_object (report);

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "interview-kit/subject-access");
  g_assert_cmpstr (json_object_get_string_member (root, "candidate_id"), ==, ADA_ID);
  g_assert_true (array_holds (json_object_get_array_member (root, "candidate_names"), "Ada Augusta Lovelace"));

  /* Both sessions, with their scorecards; the deleted one from the trash. */
  sessions = json_object_get_array_member (root, "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), ==, 2);
  g_assert_nonnull (strstr (text, "Ada’s first answer"));
  g_assert_nonnull (strstr (text, "Second round"));
  g_assert_nonnull (strstr (text, "Deleted draft"));
  g_assert_nonnull (strstr (text, "\"revisions\""));

  /* Every source listed, and each file kept with what it is. */
  sources = json_object_get_array_member (root, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, ik_subject_access_get_n_sources (access));
  g_assert_true (array_holds (sources, f->ada_path));
  g_assert_true (array_holds (sources, f->trash_ada));
  g_assert_true (array_holds (sources, f->own_team_file));
  g_assert_true (array_holds (sources, f->colleague_file));
  g_assert_nonnull (strstr (text, "A colleague heard Ada on audits"));
  for (guint i = 0; i < json_array_get_length (sources); i++)
    g_assert_true (g_file_test (json_array_get_string_element (sources, i), G_FILE_TEST_IS_REGULAR));
  files = json_object_get_array_member (root, "files");
  g_assert_cmpuint (json_array_get_length (files) + json_array_get_length (sessions), ==,
                    json_array_get_length (sources));

  /* Of the answers, only Ada's; nothing of Grace anywhere. */
  g_assert_nonnull (strstr (text, "cand-ada-8"));
  g_assert_null (strstr (text, "cand-other"));
  g_assert_null (strstr (text, "Grace"));
  g_assert_null (strstr (text, GRACE_ID));

  /* Written atomically, private, and the library untouched. */
  g_assert_true (ik_subject_access_write (access, f->out, NULL, NULL, &error));
  g_assert_no_error (error);
  json_path = g_build_filename (f->out, "subject-access-" ADA_ID ".json", NULL);
  pdf_path = g_build_filename (f->out, "subject-access-" ADA_ID ".pdf", NULL);
  g_assert_cmpint (ik_test_file_mode (json_path), ==, 0600);
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  g_file_get_contents (json_path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (written, "Second round"));
  g_assert_true (g_file_test (f->ada_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (f->trash_ada, G_FILE_TEST_IS_REGULAR));
}

static GBytes *
fake_pdf (JsonNode      *report,
          GCancellable  *cancellable,
          GError       **error)
{
  return g_bytes_new_static ("%PDF-fake", strlen ("%PDF-fake"));
}

static void
test_write_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  IkSubjectAccess *access = ik_subject_access_new (f->library, NULL, f->data_dir, GRACE_ID, &error);
  g_autofree char *missing = g_build_filename (f->root, "missing", NULL);
  g_autofree char *pdf_path = g_build_filename (f->out, "subject-access-" GRACE_ID ".pdf", NULL);
  g_autofree char *pdf = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  g_assert_no_error (error);
  /* Not a folder: refused, nothing written. */
  g_assert_false (ik_subject_access_write (access, missing, fake_pdf, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  ik_subject_access_write_async (access, f->out, fake_pdf, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_subject_access_write_finish (result, &error));
  g_assert_no_error (error);
  g_file_get_contents (pdf_path, &pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pdf, ==, "%PDF-fake");
  g_assert_cmpint (ik_test_file_mode (pdf_path), ==, 0600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/subject-access/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/subject-access/write-async", Fixture, NULL, fixture_setup, test_write_async, fixture_teardown);

  return g_test_run ();
}
