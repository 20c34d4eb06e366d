/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The team folder with three interviewers' files in it: publishing,
 * grouping, signature states, conflict copies, hostile files, pinned keys
 * that outlive the process, and the monitor. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ik-bank.h"
#include "ik-json.h"
#include "ik-question-record.h"
#include "ik-question.h"
#include "ik-session.h"
#include "ik-team-folder.h"
#include "ik-test-util.h"

#define N_INTERVIEWERS 3
/* Generous: a loaded CI machine may take long; nothing waits this long
 * unless the test fails. */
#define DEADLINE_SECONDS 30

static const char *names[N_INTERVIEWERS] = { "Ada", "Ben", "Cleo" };

typedef struct
{
  char         *root;
  char         *team;
  IkBank       *bank;
  char         *data_dirs[N_INTERVIEWERS];
  IkIdentity   *ids[N_INTERVIEWERS];
  IkTeamFolder *folders[N_INTERVIEWERS];
} Fixture;

static char *
trust_path (const char *data_dir)
{
  return g_build_filename (data_dir, "team-keys.json", NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->root = ik_test_make_tmpdir ();
  f->team = g_build_filename (f->root, "team", NULL);
  g_assert_cmpint (g_mkdir (f->team, 0755), ==, 0);
  f->bank = ik_test_load_bundled_bank ();

  for (guint i = 0; i < N_INTERVIEWERS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("data-%u", i);
      g_autofree char *trust = NULL;

      f->data_dirs[i] = g_build_filename (f->root, name, NULL);
      f->ids[i] = ik_identity_load_or_create (f->data_dirs[i], &error);
      g_assert_no_error (error);
      trust = trust_path (f->data_dirs[i]);
      f->folders[i] = ik_team_folder_new (f->team, f->ids[i], trust);
      g_assert_null (ik_team_folder_get_error (f->folders[i]));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    {
      g_assert_finalize_object (f->folders[i]);
      g_clear_object (&f->ids[i]);
      g_free (f->data_dirs[i]);
    }
  g_clear_object (&f->bank);
  ik_test_rm_rf (f->root);
  g_free (f->root);
  g_free (f->team);
}

static IkSession *
make_session (IkBank     *bank,
              const char *candidate_id,
              gboolean    submit,
              int         offset)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkQuestion) q1 = g_list_model_get_item (ik_bank_get_questions (bank), offset);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 1, 10, offset, 0);
  IkQuestionRecord *record;
  GListModel *ratings;

  if (candidate_id != NULL)
    g_assert_true (ik_session_set_candidate_id (session, candidate_id));
  ik_session_set_candidate_name (session, "Grace Hopper");
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  record = ik_session_add_question (session, q1);
  ik_question_record_set_notes (record, "private notes");
  ik_session_ensure_scorecard_ratings (session, bank);
  ratings = ik_scorecard_get_ratings (scorecard);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);

      g_assert_true (ik_competency_rating_set_rating (rating, 1 + (int) (i + offset) % IK_RATING_MAX));
      g_assert_true (ik_competency_rating_set_evidence (rating, "Evidence"));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));
  if (submit)
    g_assert_true (ik_scorecard_submit (scorecard, when));
  return session;
}

static void
publish (Fixture    *f,
         guint       who,
         const char *candidate_id)
{
  g_autoptr(IkSession) session = make_session (f->bank, candidate_id, TRUE, who);
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_team_folder_publish (f->folders[who], session, names[who], FALSE, &error));
  g_assert_no_error (error);
}

static void
publish_all (Fixture    *f,
             const char *candidate_id)
{
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    publish (f, i, candidate_id);
}

static char *
card_path (Fixture    *f,
           const char *candidate_id,
           const char *interviewer_id)
{
  g_autofree char *name = g_strconcat (interviewer_id, ".json", NULL);

  return g_build_filename (f->team, "candidates", candidate_id, name, NULL);
}

static char *
person_path (Fixture    *f,
             const char *interviewer_id)
{
  g_autofree char *name = g_strconcat (interviewer_id, ".json", NULL);

  return g_build_filename (f->team, "people", name, NULL);
}

static void
reload (IkTeamFolder *folder)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_team_folder_reload (folder, &error));
  g_assert_no_error (error);
}

/* The scorecard of @interviewer_id for @candidate_id, or NULL. */
static IkTeamScorecard *
find_card (IkTeamFolder *folder,
           const char   *candidate_id,
           const char   *interviewer_id)
{
  g_autoptr(GPtrArray) cards = ik_team_folder_list_candidate (folder, candidate_id);

  for (guint i = 0; i < cards->len; i++)
    {
      IkTeamScorecard *card = g_ptr_array_index (cards, i);

      if (strcmp (ik_team_scorecard_get_interviewer_id (card), interviewer_id) == 0)
        return g_object_ref (card);
    }
  return NULL;
}

static IkSignatureState
state_of (IkTeamFolder *folder,
          const char   *candidate_id,
          const char   *interviewer_id)
{
  g_autoptr(IkTeamScorecard) card = find_card (folder, candidate_id, interviewer_id);

  g_assert_nonnull (card);
  return ik_team_scorecard_get_signature_state (card);
}

static char *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* No temporary file anywhere below @dir: every write was completed. */
static void
assert_no_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_false (name[0] == '.');
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        assert_no_temp_files (path);
    }
}

/* The payload of a published file, as signed. */
static char *
payload_of (const char *path)
{
  gsize len = 0;
  g_autofree char *data = read_file (path, &len);
  g_autoptr(JsonNode) root = ik_json_parse (data, len, NULL, NULL, NULL);

  g_assert_nonnull (root);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "payload"));
}

/* A file in the folder's format, signed by @signer. */
static char *
signed_file (IkIdentity *signer,
             const char *format,
             const char *payload)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = ik_identity_sign (signer, payload, strlen (payload), &error);
  char *data;

  g_assert_no_error (error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, format);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "payload");
  json_builder_add_string_value (b, payload);
  json_builder_set_member_name (b, "signature");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, "ed25519");
  json_builder_set_member_name (b, "public_key");
  json_builder_add_string_value (b, ik_identity_get_public_key (signer));
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, signature);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  data = ik_json_to_data (root, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_publish_and_group (Fixture       *f,
                        gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  GListModel *cards = ik_team_folder_get_scorecards (folder);
  g_autoptr(GPtrArray) candidate = NULL;
  g_autofree char *ben_person = person_path (f, ik_identity_get_id (f->ids[1]));
  g_autofree char *ben_card = card_path (f, "cand-1", ik_identity_get_id (f->ids[1]));
  g_autofree char *people_dir = g_build_filename (f->team, "people", NULL);
  GStatBuf before, after;

  /* Cleo first, Ada last: the list order is by name, not by arrival. */
  publish (f, 2, "cand-1");
  publish (f, 1, "cand-1");
  publish (f, 0, "cand-1");
  publish (f, 0, "cand-2");
  reload (folder);

  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      static const char *expected[][2] = {
        { "cand-1", "Ada" }, { "cand-1", "Ben" }, { "cand-1", "Cleo" }, { "cand-2", "Ada" },
      };
      g_autoptr(IkTeamScorecard) card = g_list_model_get_item (cards, i);

      g_assert_cmpstr (ik_team_scorecard_get_candidate_id (card), ==, expected[i][0]);
      g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (card), ==, expected[i][1]);
      g_assert_cmpint (ik_team_scorecard_get_signature_state (card), ==, IK_SIGNATURE_VALID);
      g_assert_nonnull (ik_team_scorecard_get_path (card));
    }

  candidate = ik_team_folder_list_candidate (folder, "cand-1");
  g_assert_cmpuint (candidate->len, ==, 3);
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    {
      IkTeamScorecard *card = g_ptr_array_index (candidate, i);
      g_autofree char *path = card_path (f, "cand-1", ik_identity_get_id (f->ids[i]));

      g_assert_cmpstr (ik_team_scorecard_get_interviewer_id (card), ==, ik_identity_get_id (f->ids[i]));
      g_assert_cmpstr (ik_team_scorecard_get_path (card), ==, path);
      g_assert_cmpstr (ik_team_scorecard_get_public_key (card), ==, ik_identity_get_public_key (f->ids[i]));
      /* Notes were not shared. */
      g_assert_false (ik_team_scorecard_get_notes_shared (card));
      {
        g_autofree char *contents = read_file (path, NULL);

        g_assert_null (strstr (contents, "private notes"));
      }
    }
  g_clear_pointer (&candidate, g_ptr_array_unref);
  candidate = ik_team_folder_list_candidate (folder, "nobody");
  g_assert_cmpuint (candidate->len, ==, 0);

  /* One people file each, with the name, and the keys pinned from them. */
  g_assert_cmpuint (ik_test_count_entries (people_dir), ==, 3);
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    {
      const char *id = ik_identity_get_id (f->ids[i]);

      g_assert_cmpstr (ik_team_folder_get_person_name (folder, id), ==, names[i]);
      g_assert_cmpstr (ik_team_folder_get_pinned_key (folder, id), ==, ik_identity_get_public_key (f->ids[i]));
    }
  assert_no_temp_files (f->team);

  /* Published again unchanged: the people file is not rewritten; with
   * another name it is. The scorecard always is. */
  g_assert_cmpint (g_stat (ben_person, &before), ==, 0);
  publish (f, 1, "cand-1");
  g_assert_cmpint (g_stat (ben_person, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  {
    g_autoptr(IkSession) session = make_session (f->bank, "cand-1", TRUE, 1);
    g_autoptr(GError) error = NULL;

    g_assert_true (ik_team_folder_publish (f->folders[1], session, "Benjamin", TRUE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_stat (ben_person, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  reload (folder);
  g_assert_cmpstr (ik_team_folder_get_person_name (folder, ik_identity_get_id (f->ids[1])), ==, "Benjamin");
  {
    g_autoptr(IkTeamScorecard) card = find_card (folder, "cand-1", ik_identity_get_id (f->ids[1]));
    g_autofree char *contents = read_file (ben_card, NULL);

    g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (card), ==, "Benjamin");
    g_assert_true (ik_team_scorecard_get_notes_shared (card));
    g_assert_nonnull (strstr (contents, "private notes"));
  }
  assert_no_temp_files (f->team);
}

static void
test_publish_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(IkSession) unsubmitted = make_session (f->bank, "cand-1", FALSE, 0);
  g_autoptr(IkSession) no_candidate = make_session (f->bank, NULL, TRUE, 0);
  g_autoptr(IkSession) session = make_session (f->bank, "cand-1", TRUE, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->root, "no-such-team", NULL);
  g_autofree char *trust = trust_path (f->data_dirs[0]);
  g_autoptr(IkTeamFolder) nowhere = ik_team_folder_new (missing, f->ids[0], trust);

  g_assert_false (ik_team_folder_publish (f->folders[0], unsubmitted, names[0], FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_cmpstr (ik_session_get_candidate_id (no_candidate), ==, "");
  g_assert_false (ik_team_folder_publish (f->folders[0], no_candidate, names[0], FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* Nothing was written. */
  g_assert_cmpuint (ik_test_count_entries (f->team), ==, 0);

  /* A team folder that is not there is not made. */
  g_assert_false (ik_team_folder_publish (nowhere, session, names[0], FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_signatures (Fixture       *f,
                 gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  const char *ada = ik_identity_get_id (f->ids[0]);
  const char *ben = ik_identity_get_id (f->ids[1]);
  const char *cleo = ik_identity_get_id (f->ids[2]);
  g_autofree char *ben_card = card_path (f, "cand-1", ben);
  g_autofree char *cleo_card = card_path (f, "cand-1", cleo);
  g_autofree char *cleo_person = person_path (f, cleo);
  g_autofree char *mallory_dir = g_build_filename (f->root, "mallory", NULL);
  g_autofree char *erin_dir = g_build_filename (f->root, "erin", NULL);
  g_autofree char *erin_trust = trust_path (erin_dir);
  g_autoptr(IkIdentity) mallory = NULL;
  g_autoptr(IkIdentity) erin = NULL;
  g_autoptr(IkTeamFolder) erin_folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *erin_person = NULL;
  g_autofree char *erin_person_data = NULL;
  gsize erin_person_len = 0;

  publish_all (f, "cand-1");
  reload (folder);
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    g_assert_cmpint (state_of (folder, "cand-1", ik_identity_get_id (f->ids[i])), ==, IK_SIGNATURE_VALID);

  /* One byte of Ben's payload changed on the disk. */
  {
    g_autofree char *contents = read_file (ben_card, NULL);
    g_autofree char *changed = replace_once (contents, "\\\"Ben\\\"", "\\\"Bem\\\"");
    g_autoptr(IkTeamScorecard) card = NULL;

    write_file (ben_card, changed, -1);
    reload (folder);
    g_assert_cmpint (state_of (folder, "cand-1", ben), ==, IK_SIGNATURE_ALTERED);
    /* Shown (as altered), not dropped. */
    g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_scorecards (folder)), ==, 3);
    card = find_card (folder, "cand-1", ben);
    g_assert_cmpstr (ik_team_scorecard_get_path (card), ==, ben_card);
  }

  /* Cleo's scorecard, re-signed by another key: her people file too. */
  mallory = ik_identity_load_or_create (mallory_dir, &error);
  g_assert_no_error (error);
  {
    g_autofree char *payload = payload_of (cleo_card);
    g_autofree char *forged = signed_file (mallory, IK_TEAM_SCORECARD_FORMAT, payload);
    g_autofree char *person_payload = g_strdup_printf ("{\"interviewer_id\":\"%s\",\"name\":\"Cleo\",\"public_key\":\"%s\"}",
                                                       cleo, ik_identity_get_public_key (mallory));
    g_autofree char *forged_person = signed_file (mallory, IK_TEAM_PERSON_FORMAT, person_payload);

    write_file (cleo_card, forged, -1);
    reload (folder);
    g_assert_cmpint (state_of (folder, "cand-1", cleo), ==, IK_SIGNATURE_KEY_CHANGED);

    write_file (cleo_person, forged_person, -1);
    reload (folder);
    g_assert_cmpint (state_of (folder, "cand-1", cleo), ==, IK_SIGNATURE_KEY_CHANGED);
    g_assert_cmpstr (ik_team_folder_get_pinned_key (folder, cleo), ==, ik_identity_get_public_key (f->ids[2]));
    /* A name from a file her key did not sign is not shown as hers. */
    g_assert_null (ik_team_folder_get_person_name (folder, cleo));
  }

  /* Erin is new: her scorecard arrives before her people file. */
  erin = ik_identity_load_or_create (erin_dir, &error);
  g_assert_no_error (error);
  erin_folder = ik_team_folder_new (f->team, erin, erin_trust);
  {
    g_autoptr(IkSession) session = make_session (f->bank, "cand-1", TRUE, 4);

    g_assert_true (ik_team_folder_publish (erin_folder, session, "Erin", FALSE, &error));
    g_assert_no_error (error);
  }
  erin_person = person_path (f, ik_identity_get_id (erin));
  erin_person_data = read_file (erin_person, &erin_person_len);
  g_assert_cmpint (g_unlink (erin_person), ==, 0);
  reload (folder);
  /* Her scorecard carries her key, but that alone is not trusted. */
  g_assert_cmpint (state_of (folder, "cand-1", ik_identity_get_id (erin)), ==, IK_SIGNATURE_UNKNOWN);
  g_assert_null (ik_team_folder_get_pinned_key (folder, ik_identity_get_id (erin)));
  write_file (erin_person, erin_person_data, erin_person_len);
  reload (folder);
  g_assert_cmpint (state_of (folder, "cand-1", ik_identity_get_id (erin)), ==, IK_SIGNATURE_VALID);
  g_assert_cmpstr (ik_team_folder_get_person_name (folder, ik_identity_get_id (erin)), ==, "Erin");

  /* A validly signed file in somebody else's place: Ada's scorecard for
   * cand-1 copied to cand-3, and to a made-up interviewer. */
  {
    g_autofree char *ada_card = card_path (f, "cand-1", ada);
    g_autofree char *contents = read_file (ada_card, NULL);
    g_autofree char *cand3 = g_build_filename (f->team, "candidates", "cand-3", NULL);
    g_autofree char *moved = card_path (f, "cand-3", ada);
    g_autofree char *renamed = card_path (f, "cand-1", "someone-else");
    g_autoptr(IkTeamScorecard) card = NULL;

    g_assert_cmpint (g_mkdir (cand3, 0755), ==, 0);
    write_file (moved, contents, -1);
    write_file (renamed, contents, -1);
    reload (folder);
    g_assert_cmpint (state_of (folder, "cand-3", ada), ==, IK_SIGNATURE_ALTERED);
    g_assert_cmpint (state_of (folder, "cand-1", "someone-else"), ==, IK_SIGNATURE_ALTERED);
    card = find_card (folder, "cand-3", ada);
    g_assert_cmpstr (ik_team_scorecard_get_candidate_id (card), ==, "cand-3");
    g_assert_cmpint (state_of (folder, "cand-1", ada), ==, IK_SIGNATURE_VALID);
  }

  g_assert_finalize_object (g_steal_pointer (&erin_folder));
}

static IkTeamConflict *
find_conflict (IkTeamFolder *folder,
               const char   *copy_path)
{
  GListModel *conflicts = ik_team_folder_get_conflicts (folder);

  for (guint i = 0; i < g_list_model_get_n_items (conflicts); i++)
    {
      g_autoptr(IkTeamConflict) conflict = g_list_model_get_item (conflicts, i);

      if (strcmp (ik_team_conflict_get_copy_path (conflict), copy_path) == 0)
        return g_steal_pointer (&conflict);
    }
  return NULL;
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  const char *ada = ik_identity_get_id (f->ids[0]);
  const char *ben = ik_identity_get_id (f->ids[1]);
  const char *cleo = ik_identity_get_id (f->ids[2]);
  g_autofree char *cand_dir = g_build_filename (f->team, "candidates", "cand-1", NULL);
  g_autofree char *ben_card = card_path (f, "cand-1", ben);
  g_autofree char *cleo_card = card_path (f, "cand-1", cleo);
  g_autofree char *ada_person = person_path (f, ada);
  g_autofree char *syncthing_name = g_strdup_printf ("%s.sync-conflict-20261202-101010-ABCDEFG.json", ben);
  g_autofree char *nextcloud_name = g_strdup_printf ("%s (conflicted copy 2026-12-02 101010).json", ben);
  g_autofree char *ours_name = g_strdup_printf ("%s.conflict-20261202T101010.123456Z.json", cleo);
  g_autofree char *people_name = g_strdup_printf ("%s.sync-conflict-20261202-101010-ABCDEFG.json", ada);
  g_autofree char *syncthing = g_build_filename (cand_dir, syncthing_name, NULL);
  g_autofree char *nextcloud = g_build_filename (cand_dir, nextcloud_name, NULL);
  g_autofree char *ours = g_build_filename (cand_dir, ours_name, NULL);
  g_autofree char *people_copy = g_build_filename (f->team, "people", people_name, NULL);
  g_autofree char *ben_contents = NULL;
  g_autofree char *other_version = NULL;
  g_autofree char *after = NULL;
  g_autoptr(IkTeamConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *conflicts = ik_team_folder_get_conflicts (folder);

  publish_all (f, "cand-1");
  ben_contents = read_file (ben_card, NULL);
  other_version = replace_once (ben_contents, "\\\"Ben\\\"", "\\\"Bem\\\"");
  write_file (syncthing, other_version, -1);
  write_file (nextcloud, other_version, -1);
  write_file (ours, "{}", -1);
  write_file (people_copy, "not even JSON", -1);
  reload (folder);

  /* Listed, never loaded in place of the originals. */
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_scorecards (folder)), ==, 3);
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    g_assert_cmpint (state_of (folder, "cand-1", ik_identity_get_id (f->ids[i])), ==, IK_SIGNATURE_VALID);
  g_assert_cmpstr (ik_team_folder_get_person_name (folder, ada), ==, "Ada");

  conflict = find_conflict (folder, syncthing);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (ik_team_conflict_get_origin (conflict), ==, "Syncthing");
  g_assert_cmpstr (ik_team_conflict_get_original_path (conflict), ==, ben_card);
  g_clear_object (&conflict);
  conflict = find_conflict (folder, nextcloud);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (ik_team_conflict_get_origin (conflict), ==, "Nextcloud");
  g_assert_cmpstr (ik_team_conflict_get_original_path (conflict), ==, ben_card);
  g_clear_object (&conflict);
  conflict = find_conflict (folder, ours);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (ik_team_conflict_get_origin (conflict), ==, "Interview Kit");
  g_assert_cmpstr (ik_team_conflict_get_original_path (conflict), ==, cleo_card);
  g_clear_object (&conflict);
  conflict = find_conflict (folder, people_copy);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (ik_team_conflict_get_original_path (conflict), ==, ada_person);
  g_clear_object (&conflict);

  /* Compared in a worker: the original verifies, the copy is altered, and
   * a copy that is not a scorecard says why. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    GAsyncResult *slot = NULL;
    g_autoptr(IkTeamScorecard) original = NULL;
    g_autoptr(IkTeamScorecard) copy = NULL;
    g_autofree char *original_problem = NULL;
    g_autofree char *copy_problem = NULL;

    conflict = find_conflict (folder, syncthing);
    ik_team_folder_read_conflict_async (folder, conflict, NULL, ik_test_store_result, &slot);
    result = ik_test_wait_result (&slot);
    g_assert_true (ik_team_folder_read_conflict_finish (folder, result, &original, &original_problem,
                                                        &copy, &copy_problem, &error));
    g_assert_no_error (error);
    g_assert_null (original_problem);
    g_assert_null (copy_problem);
    g_assert_cmpint (ik_team_scorecard_get_signature_state (original), ==, IK_SIGNATURE_VALID);
    g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (original), ==, "Ben");
    g_assert_cmpint (ik_team_scorecard_get_signature_state (copy), ==, IK_SIGNATURE_ALTERED);
    g_assert_cmpstr (ik_team_scorecard_get_interviewer_name (copy), ==, "Bem");
    g_clear_object (&conflict);
    g_clear_object (&original);
    g_clear_object (&copy);
    g_clear_object (&result);
    g_clear_pointer (&original_problem, g_free);

    conflict = find_conflict (folder, ours);
    ik_team_folder_read_conflict_async (folder, conflict, NULL, ik_test_store_result, &slot);
    result = ik_test_wait_result (&slot);
    g_assert_true (ik_team_folder_read_conflict_finish (folder, result, &original, &original_problem,
                                                        &copy, &copy_problem, &error));
    g_assert_nonnull (original);
    g_assert_null (copy);
    g_assert_nonnull (copy_problem);
    g_clear_object (&conflict);
  }

  /* The original changed after the user compared: nothing happens. */
  conflict = find_conflict (folder, syncthing);
  write_file (ben_card, ben_contents, -1);
  g_assert_false (ik_team_folder_resolve_conflict (folder, conflict, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (g_file_test (syncthing, G_FILE_TEST_EXISTS));
  after = read_file (ben_card, NULL);
  g_assert_cmpstr (after, ==, ben_contents);
  g_clear_pointer (&after, g_free);
  g_assert_false (ik_team_folder_resolve_conflict (folder, conflict, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_true (g_file_test (syncthing, G_FILE_TEST_EXISTS));
  g_clear_object (&conflict);

  /* Keep the copy: its bytes take the original's place. */
  reload (folder);
  conflict = find_conflict (folder, syncthing);
  g_assert_true (ik_team_folder_resolve_conflict (folder, conflict, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (syncthing, G_FILE_TEST_EXISTS));
  after = read_file (ben_card, NULL);
  g_assert_cmpstr (after, ==, other_version);
  g_clear_pointer (&after, g_free);
  g_clear_object (&conflict);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 3);
  /* That version was the altered one, and it shows at once. */
  g_assert_cmpint (state_of (folder, "cand-1", ben), ==, IK_SIGNATURE_ALTERED);

  /* Keep the original: the copy goes, the original stays. */
  conflict = find_conflict (folder, ours);
  g_assert_true (ik_team_folder_resolve_conflict (folder, conflict, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (ours, G_FILE_TEST_EXISTS));
  g_assert_cmpint (state_of (folder, "cand-1", cleo), ==, IK_SIGNATURE_VALID);
  g_clear_object (&conflict);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 2);

  /* A conflict that is no longer listed is refused. */
  conflict = find_conflict (folder, nextcloud);
  g_assert_nonnull (conflict);
  g_assert_cmpint (g_unlink (nextcloud), ==, 0);
  reload (folder);
  g_assert_false (ik_team_folder_resolve_conflict (folder, conflict, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);

  assert_no_temp_files (f->team);
}

static void
test_hostile_files (Fixture       *f,
                    gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  const char *ada = ik_identity_get_id (f->ids[0]);
  g_autofree char *cand_dir = g_build_filename (f->team, "candidates", "cand-1", NULL);
  g_autofree char *candidates_dir = g_build_filename (f->team, "candidates", NULL);
  g_autofree char *people_dir = g_build_filename (f->team, "people", NULL);
  g_autofree char *ada_card = card_path (f, "cand-1", ada);
  g_autofree char *ada_person = person_path (f, ada);
  g_autofree char *ada_contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *not_json_payload = NULL;
  static const char *altered_ids[] = {
    "h-garbage", "h-huge", "h-symlink", "h-dir", "h-fifo", "h-format", "h-deep",
    "h-payload", "h-empty", "h-dangling", "h-newer",
  };
  static const char *ignored_names[] = {
    "bad id.json", "x.y.json", "\xc3\xbcn\xc3\xaf.json", ".hidden.json", "h-tilde.json~",
    ".syncthing.h-tmp.json.tmp", "~syncthing~h-tmp.json.tmp", "h-nojson", "h-upper.JSON",
  };
  GListModel *cards = ik_team_folder_get_scorecards (folder);
  int fd;

  publish_all (f, "cand-1");
  ada_contents = read_file (ada_card, NULL);

#define HOSTILE(id) G_STMT_START { g_free (path); path = card_path (f, "cand-1", id); } G_STMT_END
  HOSTILE ("h-garbage");
  write_file (path, "this is not JSON", -1);
  HOSTILE ("h-huge");
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 17 * 1024 * 1024), ==, 0);
  close (fd);
  HOSTILE ("h-symlink");
  /* A link to a perfectly valid scorecard is still not one. */
  g_assert_cmpint (symlink (ada_card, path), ==, 0);
  HOSTILE ("h-dir");
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  HOSTILE ("h-fifo");
  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
  HOSTILE ("h-format");
  write_file (path, "{\"format\":\"something-else\",\"version\":1}", -1);
  HOSTILE ("h-deep");
  deep = g_strnfill (100000, '[');
  write_file (path, deep, -1);
  HOSTILE ("h-payload");
  not_json_payload = signed_file (f->ids[0], IK_TEAM_SCORECARD_FORMAT, "hello");
  write_file (path, not_json_payload, -1);
  HOSTILE ("h-empty");
  write_file (path, "", 0);
  HOSTILE ("h-dangling");
  g_assert_cmpint (symlink ("/nonexistent/file.json", path), ==, 0);
  HOSTILE ("h-newer");
  {
    g_autofree char *newer = replace_once (ada_contents, "\"version\" : 1", "\"version\" : 2");

    write_file (path, newer, -1);
  }
#undef HOSTILE

  for (guint i = 0; i < G_N_ELEMENTS (ignored_names); i++)
    {
      g_autofree char *ignored = g_build_filename (cand_dir, ignored_names[i], NULL);

      write_file (ignored, ada_contents, -1);
    }
  /* Candidate folders that are not: a bad id, a link, a file. */
  {
    g_autofree char *bad_dir = g_build_filename (candidates_dir, "bad dir", NULL);
    g_autofree char *in_bad = g_build_filename (bad_dir, "x.json", NULL);
    g_autofree char *linked = g_build_filename (candidates_dir, "linked", NULL);
    g_autofree char *plain = g_build_filename (candidates_dir, "plain", NULL);

    g_assert_cmpint (g_mkdir (bad_dir, 0755), ==, 0);
    write_file (in_bad, ada_contents, -1);
    g_assert_cmpint (symlink (cand_dir, linked), ==, 0);
    write_file (plain, ada_contents, -1);
  }
  /* People files that are not. */
  {
    g_autofree char *garbage = g_build_filename (people_dir, "p-garbage.json", NULL);
    g_autofree char *link = g_build_filename (people_dir, "p-link.json", NULL);
    g_autofree char *wrong_id = g_build_filename (people_dir, "p-wrong.json", NULL);
    g_autofree char *ada_person_contents = read_file (ada_person, NULL);

    write_file (garbage, "[1,2,", -1);
    g_assert_cmpint (symlink (ada_person, link), ==, 0);
    /* Ada's own signed people file under another id's name. */
    write_file (wrong_id, ada_person_contents, -1);
  }

  reload (folder);

  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, N_INTERVIEWERS + G_N_ELEMENTS (altered_ids));
  for (guint i = 0; i < N_INTERVIEWERS; i++)
    g_assert_cmpint (state_of (folder, "cand-1", ik_identity_get_id (f->ids[i])), ==, IK_SIGNATURE_VALID);
  for (guint i = 0; i < G_N_ELEMENTS (altered_ids); i++)
    {
      g_autoptr(IkTeamScorecard) card = find_card (folder, "cand-1", altered_ids[i]);

      g_test_message ("%s", altered_ids[i]);
      g_assert_nonnull (card);
      g_assert_cmpint (ik_team_scorecard_get_signature_state (card), ==, IK_SIGNATURE_ALTERED);
      g_assert_null (ik_scorecard_get_submitted (ik_team_scorecard_get_scorecard (card)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_conflicts (folder)), ==, 0);
  g_assert_null (ik_team_folder_get_pinned_key (folder, "p-garbage"));
  g_assert_null (ik_team_folder_get_pinned_key (folder, "p-link"));
  g_assert_null (ik_team_folder_get_pinned_key (folder, "p-wrong"));
  g_assert_null (ik_team_folder_get_person_name (folder, "p-wrong"));
  {
    g_autoptr(GPtrArray) linked = ik_team_folder_list_candidate (folder, "linked");
    g_autoptr(GPtrArray) plain = ik_team_folder_list_candidate (folder, "plain");

    g_assert_cmpuint (linked->len, ==, 0);
    g_assert_cmpuint (plain->len, ==, 0);
  }

  /* Read again (from the cache of unchanged files): the same. */
  reload (folder);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, N_INTERVIEWERS + G_N_ELEMENTS (altered_ids));

  /* Nothing was touched. */
  {
    g_autofree char *garbage = card_path (f, "cand-1", "h-garbage");
    g_autofree char *contents = read_file (garbage, NULL);

    g_assert_cmpstr (contents, ==, "this is not JSON");
  }
}

static void
test_pins_persist (Fixture       *f,
                   gconstpointer  data)
{
  const char *ben = ik_identity_get_id (f->ids[1]);
  const char *cleo = ik_identity_get_id (f->ids[2]);
  g_autofree char *trust = trust_path (f->data_dirs[0]);
  g_autofree char *bad_trust = g_build_filename (f->root, "bad-keys.json", NULL);
  g_autofree char *bad_before = NULL;
  g_autofree char *bad_after = NULL;
  g_autoptr(IkTeamFolder) again = NULL;
  g_autoptr(IkTeamFolder) bad = NULL;
  g_autofree char *mallory_dir = g_build_filename (f->root, "mallory", NULL);
  g_autoptr(IkIdentity) mallory = NULL;
  g_autoptr(GError) error = NULL;

  publish_all (f, "cand-1");
  /* Nothing pinned yet but our own key. */
  g_assert_null (ik_team_folder_get_pinned_key (f->folders[0], ben));
  g_assert_cmpstr (ik_team_folder_get_pinned_key (f->folders[0], ik_identity_get_id (f->ids[0])), ==,
                   ik_identity_get_public_key (f->ids[0]));
  reload (f->folders[0]);
  g_assert_cmpint (ik_test_file_mode (trust), ==, 0600);

  /* Pins outlive the object (and the process). */
  again = ik_team_folder_new (f->team, f->ids[0], trust);
  g_assert_null (ik_team_folder_get_error (again));
  g_assert_cmpstr (ik_team_folder_get_pinned_key (again, ben), ==, ik_identity_get_public_key (f->ids[1]));
  g_assert_cmpstr (ik_team_folder_get_pinned_key (again, cleo), ==, ik_identity_get_public_key (f->ids[2]));

  /* So a people file swapped before the next start changes nothing. */
  mallory = ik_identity_load_or_create (mallory_dir, &error);
  g_assert_no_error (error);
  {
    g_autofree char *ben_person = person_path (f, ben);
    g_autofree char *ben_card = card_path (f, "cand-1", ben);
    g_autofree char *payload = payload_of (ben_card);
    g_autofree char *forged_card = signed_file (mallory, IK_TEAM_SCORECARD_FORMAT, payload);
    g_autofree char *person_payload = g_strdup_printf ("{\"interviewer_id\":\"%s\",\"name\":\"Ben\",\"public_key\":\"%s\"}",
                                                       ben, ik_identity_get_public_key (mallory));
    g_autofree char *forged_person = signed_file (mallory, IK_TEAM_PERSON_FORMAT, person_payload);

    write_file (ben_person, forged_person, -1);
    write_file (ben_card, forged_card, -1);
  }
  reload (again);
  g_assert_cmpint (state_of (again, "cand-1", ben), ==, IK_SIGNATURE_KEY_CHANGED);
  g_assert_cmpstr (ik_team_folder_get_pinned_key (again, ben), ==, ik_identity_get_public_key (f->ids[1]));

  /* A trust file that cannot be read: said so, and never overwritten,
   * even when new keys are seen. */
  write_file (bad_trust, "{\"format\":\"interview-kit/team-keys\",\"version\":1,\"keys\":[{]}", -1);
  bad_before = read_file (bad_trust, NULL);
  bad = ik_team_folder_new (f->team, f->ids[0], bad_trust);
  g_assert_nonnull (ik_team_folder_get_error (bad));
  g_test_message ("%s", ik_team_folder_get_error (bad)->message);
  reload (bad);
  g_assert_nonnull (ik_team_folder_get_error (bad));
  g_assert_cmpint (state_of (bad, "cand-1", cleo), ==, IK_SIGNATURE_VALID);
  bad_after = read_file (bad_trust, NULL);
  g_assert_cmpstr (bad_after, ==, bad_before);

  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&bad));
}

/* Two readers of one interviewer's trust file (the window and the command
 * line): each pins what it sees, and neither save loses the other's pins
 * or the members a later version added. */
static void
test_pins_other_writer (Fixture       *f,
                        gconstpointer  data)
{
  const char *ben = ik_identity_get_id (f->ids[1]);
  const char *cleo = ik_identity_get_id (f->ids[2]);
  g_autofree char *trust = trust_path (f->data_dirs[0]);
  g_autofree char *contents = NULL;
  g_autoptr(IkTeamFolder) second = NULL;
  g_autoptr(IkTeamFolder) third = NULL;
  g_autoptr(IkTeamFolder) cleo_there = NULL;
  g_autofree char *other_team = g_build_filename (f->root, "other-team", NULL);
  g_autofree char *cleo_trust = trust_path (f->data_dirs[2]);
  g_autoptr(IkSession) session = make_session (f->bank, "cand-2", TRUE, 2);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->data_dirs[0], 0700), ==, 0);
  write_file (trust, "{\"format\":\"interview-kit/team-keys\",\"version\":1,\"keys\":[],"
                     "\"future_member\":[1.5,true]}", -1);
  g_clear_object (&f->folders[0]);
  f->folders[0] = ik_team_folder_new (f->team, f->ids[0], trust);
  g_assert_null (ik_team_folder_get_error (f->folders[0]));
  /* The second reads another team's folder, where only Cleo published. */
  second = ik_team_folder_new (other_team, f->ids[0], trust);
  cleo_there = ik_team_folder_new (other_team, f->ids[2], cleo_trust);
  g_assert_cmpint (g_mkdir (other_team, 0700), ==, 0);
  g_assert_true (ik_team_folder_publish (cleo_there, session, names[2], FALSE, &error));
  g_assert_no_error (error);

  publish (f, 1, "cand-1");
  reload (f->folders[0]);          /* pins Ben and saves */
  reload (second);                  /* pins Cleo over a file it has not read since */

  third = ik_team_folder_new (f->team, f->ids[0], trust);
  g_assert_null (ik_team_folder_get_error (third));
  g_assert_cmpstr (ik_team_folder_get_pinned_key (third, ben), ==, ik_identity_get_public_key (f->ids[1]));
  g_assert_cmpstr (ik_team_folder_get_pinned_key (third, cleo), ==, ik_identity_get_public_key (f->ids[2]));
  contents = read_file (trust, NULL);
  g_assert_nonnull (strstr (contents, "future_member"));
  g_assert_nonnull (strstr (contents, "1.5"));
  g_assert_cmpint (ik_test_file_mode (trust), ==, 0600);
}

static void
test_publish_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(IkSession) session = make_session (f->bank, "cand-1", TRUE, 1);
  g_autoptr(IkSession) unsubmitted = make_session (f->bank, "cand-1", FALSE, 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = card_path (f, "cand-1", ik_identity_get_id (f->ids[1]));
  GAsyncResult *slot = NULL;

  ik_team_folder_publish_async (f->folders[1], session, names[1], FALSE, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_team_folder_publish_finish (f->folders[1], result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_no_temp_files (f->team);

  slot = NULL;
  ik_team_folder_publish_async (f->folders[1], unsubmitted, names[1], FALSE, NULL, ik_test_store_result, &slot);
  refused = ik_test_wait_result (&slot);
  g_assert_false (ik_team_folder_publish_finish (f->folders[1], refused, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  reload (f->folders[0]);
  g_assert_cmpint (state_of (f->folders[0], "cand-1", ik_identity_get_id (f->ids[1])), ==, IK_SIGNATURE_VALID);
}

static void
count_cb (gpointer  instance,
          gpointer  arg,
          gpointer  user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_reload_error_keeps_state (Fixture       *f,
                               gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  g_autofree char *away = g_build_filename (f->root, "away", NULL);
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  publish_all (f, "cand-1");
  reload (folder);
  g_signal_connect (folder, "notify::error", G_CALLBACK (count_cb), &notified);

  g_assert_cmpint (g_rename (f->team, away), ==, 0);
  g_assert_false (ik_team_folder_reload (folder, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (ik_team_folder_get_error (folder));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_scorecards (folder)), ==, 3);

  g_assert_cmpint (g_rename (away, f->team), ==, 0);
  reload (folder);
  g_assert_null (ik_team_folder_get_error (folder));
  g_assert_cmpuint (notified, ==, 2);
}

typedef struct
{
  IkTeamFolder *folder;
  IkSession    *session;
  const char   *name;
  gboolean      share_notes;
} ThreadPublish;

static gpointer
publish_thread (gpointer data)
{
  ThreadPublish *job = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_team_folder_publish (job->folder, job->session, job->name, job->share_notes, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Another interviewer's app writes, in another thread, while this one
 * runs its main loop. */
static void
publish_in_thread (Fixture    *f,
                   guint       who,
                   const char *candidate_id,
                   gboolean    share_notes)
{
  g_autoptr(IkSession) session = make_session (f->bank, candidate_id, TRUE, who);
  ThreadPublish job = { f->folders[who], session, names[who], share_notes };
  GThread *thread = g_thread_new ("publish", publish_thread, &job);

  g_thread_join (thread);
}

static gboolean
deadline_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @expr holds, or fails the test after
 * DEADLINE_SECONDS. */
#define WAIT_UNTIL(expr)                                                      \
  G_STMT_START {                                                              \
    gboolean timed_out_ = FALSE;                                              \
    guint deadline_ = g_timeout_add_seconds (DEADLINE_SECONDS, deadline_cb,   \
                                             &timed_out_);                    \
    while (!(expr) && !timed_out_)                                            \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_assert_false (timed_out_);                                              \
    g_source_remove (deadline_);                                              \
  } G_STMT_END

static void
changed_cb (IkTeamFolder *folder,
            gpointer      user_data)
{
  guint *count = user_data;

  (*count)++;
}

static gboolean
has_card (IkTeamFolder     *folder,
          const char       *candidate_id,
          const char       *interviewer_id,
          IkSignatureState  state)
{
  g_autoptr(IkTeamScorecard) card = find_card (folder, candidate_id, interviewer_id);

  return card != NULL && ik_team_scorecard_get_signature_state (card) == state;
}

static gboolean
notes_shared (IkTeamFolder *folder,
              const char   *candidate_id,
              const char   *interviewer_id)
{
  g_autoptr(IkTeamScorecard) card = find_card (folder, candidate_id, interviewer_id);

  return card != NULL && ik_team_scorecard_get_notes_shared (card);
}

static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  const char *ben = ik_identity_get_id (f->ids[1]);
  const char *cleo = ik_identity_get_id (f->ids[2]);
  guint changed = 0;
  guint before;

  g_signal_connect (folder, "changed", G_CALLBACK (changed_cb), &changed);
  publish (f, 0, "cand-1");
  ik_team_folder_watch (folder);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_scorecards (folder)), ==, 1);

  /* A file in a folder that was there. */
  before = changed;
  publish_in_thread (f, 1, "cand-1", FALSE);
  WAIT_UNTIL (changed > before && has_card (folder, "cand-1", ben, IK_SIGNATURE_VALID));

  /* A new candidate's folder, and then a file changed in it: the new
   * folder is watched too. */
  before = changed;
  publish_in_thread (f, 2, "cand-9", FALSE);
  WAIT_UNTIL (changed > before && has_card (folder, "cand-9", cleo, IK_SIGNATURE_VALID));
  before = changed;
  publish_in_thread (f, 2, "cand-9", TRUE);
  WAIT_UNTIL (changed > before && notes_shared (folder, "cand-9", cleo));

  /* A conflict copy arriving is listed. */
  {
    g_autofree char *original = card_path (f, "cand-9", cleo);
    g_autofree char *contents = read_file (original, NULL);
    g_autofree char *name = g_strdup_printf ("%s.sync-conflict-20261202-101010-ABCDEFG.json", cleo);
    g_autofree char *copy = g_build_filename (f->team, "candidates", "cand-9", name, NULL);

    write_file (copy, contents, -1);
    WAIT_UNTIL (g_list_model_get_n_items (ik_team_folder_get_conflicts (folder)) == 1);
  }

  g_signal_handlers_disconnect_by_func (folder, changed_cb, &changed);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A folder that monitors cannot watch (the Flatpak document portal, a
 * network share) is polled: what arrives or goes is noticed, and a poll
 * that finds nothing new says nothing (an open debrief is not rebuilt). */
static void
test_poll (Fixture       *f,
           gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  const char *ben = ik_identity_get_id (f->ids[1]);
  g_autofree char *bens = card_path (f, "cand-1", ben);
  gboolean waited = FALSE;
  guint changed = 0;
  guint before;

  g_setenv ("IK_TEAM_FOLDER_POLL", "1", TRUE);
  g_signal_connect (folder, "changed", G_CALLBACK (changed_cb), &changed);
  publish (f, 0, "cand-1");
  ik_team_folder_watch (folder);
  g_assert_cmpuint (changed, ==, 1);

  /* Three polls of an unchanged folder. */
  g_timeout_add (3500, set_flag_cb, &waited);
  WAIT_UNTIL (waited);
  g_assert_cmpuint (changed, ==, 1);

  before = changed;
  publish_in_thread (f, 1, "cand-1", FALSE);
  WAIT_UNTIL (changed > before && has_card (folder, "cand-1", ben, IK_SIGNATURE_VALID));

  before = changed;
  g_assert_cmpint (g_unlink (bens), ==, 0);
  WAIT_UNTIL (changed > before && !has_card (folder, "cand-1", ben, IK_SIGNATURE_VALID));

  g_signal_handlers_disconnect_by_func (folder, changed_cb, &changed);
  g_unsetenv ("IK_TEAM_FOLDER_POLL");
}

static void
test_thousand_files (Fixture       *f,
                     gconstpointer  data)
{
  IkTeamFolder *folder = f->folders[0];
  const char *ben = ik_identity_get_id (f->ids[1]);
  g_autofree char *first = card_path (f, "perf-0", ben);
  g_autofree char *payload = NULL;
  gint64 start, first_read, second_read;
  const guint n = 1000;

  publish (f, 1, "perf-0");
  payload = payload_of (first);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *candidate_id = g_strdup_printf ("perf-%u", i);
      g_autofree char *member = g_strdup_printf ("\"candidate_id\":\"%s\"", candidate_id);
      g_autofree char *changed = replace_once (payload, "\"candidate_id\":\"perf-0\"", member);
      g_autofree char *contents = signed_file (f->ids[1], IK_TEAM_SCORECARD_FORMAT, changed);
      g_autofree char *dir = g_build_filename (f->team, "candidates", candidate_id, NULL);
      g_autofree char *path = card_path (f, candidate_id, ben);

      FILE *file;

      /* Plainly, without the flush of g_file_set_contents(): this is setup. */
      g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
      file = fopen (path, "w");
      g_assert_nonnull (file);
      g_assert_cmpuint (fwrite (contents, 1, strlen (contents), file), ==, strlen (contents));
      g_assert_cmpint (fclose (file), ==, 0);
    }

  start = g_get_monotonic_time ();
  reload (folder);
  first_read = g_get_monotonic_time () - start;
  start = g_get_monotonic_time ();
  reload (folder);
  second_read = g_get_monotonic_time () - start;

  g_assert_cmpuint (g_list_model_get_n_items (ik_team_folder_get_scorecards (folder)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkTeamScorecard) card = g_list_model_get_item (ik_team_folder_get_scorecards (folder), i);

      g_assert_cmpint (ik_team_scorecard_get_signature_state (card), ==, IK_SIGNATURE_VALID);
    }
  g_test_message ("%u scorecards: first read %.0f ms, unchanged re-read %.0f ms",
                  n, first_read / 1000.0, second_read / 1000.0);
  /* Far above what any machine needs; a hang or a quadratic scan fails. */
  g_assert_cmpint (first_read, <, 60 * G_USEC_PER_SEC);
  g_assert_cmpint (second_read, <, first_read);
}

/* Which of one's submitted scorecards the folder holds as they are now:
 * what the team window offers to publish. */
static void
test_holds_submission (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(IkSession) draft = make_session (f->bank, "cand-1", FALSE, 0);
  g_autoptr(IkSession) session = make_session (f->bank, "cand-1", TRUE, 0);
  g_autoptr(IkSession) other = make_session (f->bank, "cand-2", TRUE, 0);
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 12, 2, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = card_path (f, "cand-1", ik_identity_get_id (f->ids[0]));
  g_autofree char *text = NULL;
  g_autofree char *forged = NULL;

  /* Nothing to publish: always held. */
  g_assert_true (ik_team_folder_holds_submission (f->folders[0], draft));
  /* Submitted before there was a team folder. */
  g_assert_false (ik_team_folder_holds_submission (f->folders[0], session));

  g_assert_true (ik_team_folder_publish (f->folders[0], session, names[0], FALSE, &error));
  g_assert_no_error (error);
  reload (f->folders[0]);
  g_assert_true (ik_team_folder_holds_submission (f->folders[0], session));
  g_assert_false (ik_team_folder_holds_submission (f->folders[0], other));
  /* A colleague's copy of the folder does not hold it as theirs. */
  reload (f->folders[1]);
  g_assert_false (ik_team_folder_holds_submission (f->folders[1], session));

  /* Amended since: the folder's copy is out of date. */
  g_assert_true (ik_scorecard_amend (scorecard, "Wrong level", &error));
  g_assert_no_error (error);
  g_assert_true (ik_scorecard_set_summary (scorecard, "Corrected"));
  g_assert_true (ik_scorecard_submit (scorecard, later));
  g_assert_false (ik_team_folder_holds_submission (f->folders[0], session));
  g_assert_true (ik_team_folder_publish (f->folders[0], session, names[0], FALSE, &error));
  g_assert_no_error (error);
  reload (f->folders[0]);
  g_assert_true (ik_team_folder_holds_submission (f->folders[0], session));

  /* The published file changed by hand: not held any more. */
  text = read_file (path, NULL);
  forged = replace_once (text, "Corrected", "Corrupted");
  write_file (path, forged, -1);
  reload (f->folders[0]);
  g_assert_false (ik_team_folder_holds_submission (f->folders[0], session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/team-folder/publish-and-group", test_publish_and_group);
  ADD ("/team-folder/publish-refused", test_publish_refused);
  ADD ("/team-folder/holds-submission", test_holds_submission);
  ADD ("/team-folder/signatures", test_signatures);
  ADD ("/team-folder/conflicts", test_conflicts);
  ADD ("/team-folder/hostile-files", test_hostile_files);
  ADD ("/team-folder/pins-persist", test_pins_persist);
  ADD ("/team-folder/pins-other-writer", test_pins_other_writer);
  ADD ("/team-folder/publish-async", test_publish_async);
  ADD ("/team-folder/reload-error-keeps-state", test_reload_error_keeps_state);
  ADD ("/team-folder/watch", test_watch);
  ADD ("/team-folder/poll", test_poll);
  ADD ("/team-folder/thousand-files", test_thousand_files);
#undef ADD

  return g_test_run ();
}
