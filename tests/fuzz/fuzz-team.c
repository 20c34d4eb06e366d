/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-team.c: the files of a team folder (ik-team-folder.c). The input is
 * read as a colleague's people file, as their scorecard file and as the
 * pinned keys (team-keys.json) of a real folder (under $TMPDIR), and as a
 * scorecard payload on its own (ik_team_scorecard_new_from_payload). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ik-fuzz.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-team-folder.h"
#include "ik-team-scorecard.h"

/* Fixed ids, as a colleague's files would be named. */
#define CANDIDATE_ID "6b1a2f3e-9c4d-4e5f-8a7b-1c2d3e4f5a6b"
#define INTERVIEWER_ID "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f"

static IkIdentity *identity;
static char *team;
static char *trust_path;
static char *person_path;
static char *card_path;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *card_dir = NULL;
  g_autofree char *people_dir = NULL;

  if (identity != NULL)
    return;
  data_dir = g_build_filename (ik_fuzz_tmpdir (), "data", NULL);
  identity = ik_identity_load_or_create (data_dir, &error);
  g_assert_no_error (error);
  team = g_build_filename (ik_fuzz_tmpdir (), "team", NULL);
  people_dir = g_build_filename (team, "people", NULL);
  card_dir = g_build_filename (team, "candidates", CANDIDATE_ID, NULL);
  g_assert (g_mkdir_with_parents (people_dir, 0700) == 0);
  g_assert (g_mkdir_with_parents (card_dir, 0700) == 0);
  trust_path = g_build_filename (data_dir, "team-keys.json", NULL);
  person_path = g_build_filename (people_dir, INTERVIEWER_ID ".json", NULL);
  card_path = g_build_filename (card_dir, INTERVIEWER_ID ".json", NULL);
}

IK_FUZZ_TARGET (team)
{
  g_autoptr(IkTeamScorecard) card = NULL;
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *cards;

  setup ();

  card = ik_team_scorecard_new_from_payload ((const char *) data, size, &error);
  g_assert ((card == NULL) == (error != NULL));
  if (card != NULL)
    {
      g_assert (ik_id_is_valid (ik_team_scorecard_get_candidate_id (card)));
      g_assert (ik_id_is_valid (ik_team_scorecard_get_interviewer_id (card)));
    }

  ik_fuzz_write_file (trust_path, data, size);
  ik_fuzz_write_file (person_path, data, size);
  ik_fuzz_write_file (card_path, data, size);
  folder = ik_team_folder_new (team, identity, trust_path);
  ik_team_folder_reload (folder, NULL);
  cards = ik_team_folder_get_scorecards (folder);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(IkTeamScorecard) item = g_list_model_get_item (cards, i);

      g_assert (strcmp (ik_team_scorecard_get_candidate_id (item), CANDIDATE_ID) == 0);
    }
  return 0;
}
