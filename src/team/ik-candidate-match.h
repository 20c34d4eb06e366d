/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-candidate-match.h: one candidate under two ids, matched only when the
 * user says so.
 *
 * Sessions created from one panel plan share the candidate id. A session
 * started without a plan gets an id of its own, so the team folder may hold
 * the same person under two ids. ik_candidate_find_matches() finds ids whose
 * scorecards give the same candidate name and role (compared without case,
 * accents being kept, and with runs of white space as one space); the debrief
 * offers them, and nothing is merged until the user confirms.
 *
 * The answers are this interviewer's own, kept in a private file
 * (`<data-dir>/team-candidates.json`, mode 0600, saved with the store's
 * guarded replace: answers another writer saved meanwhile are merged in,
 * members of a later version are kept):
 *
 *   {"format":"interview-kit/candidate-matches","version":1,
 *    "same":[["id-a","id-b"],…],"different":[["id-a","id-b"],…]}
 *
 * "Same" pairs join groups; the group is shown under the smallest id of the
 * group (so every interviewer who confirms the same pairs sees the same id).
 * "Different" pairs are never offered again.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IK_CANDIDATE_MATCHES_FORMAT "interview-kit/candidate-matches"
/* The answers' file, in the data folder */
#define IK_CANDIDATE_MATCHES_FILE "team-candidates.json"

/**
 * IkCandidateMatch:
 * @name: the candidate name, as the first scorecard gives it
 * @role: the role, as the first scorecard gives it
 * @candidate_ids: (array zero-terminated=1): two or more ids, sorted
 *
 * Ids that may be one candidate.
 */
typedef struct
{
  char  *name;
  char  *role;
  GStrv  candidate_ids;
} IkCandidateMatch;

void ik_candidate_match_free (IkCandidateMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkCandidateMatch, ik_candidate_match_free)

#define IK_TYPE_CANDIDATE_MATCHES (ik_candidate_matches_get_type ())
G_DECLARE_FINAL_TYPE (IkCandidateMatches, ik_candidate_matches, IK, CANDIDATE_MATCHES, GObject)

IkCandidateMatches *ik_candidate_matches_new        (const char          *path,
                                                     GError             **error);
gboolean            ik_candidate_matches_confirm    (IkCandidateMatches  *self,
                                                     const char          *candidate_id,
                                                     const char          *other_id,
                                                     gboolean             same,
                                                     GError             **error);
const char         *ik_candidate_matches_resolve    (IkCandidateMatches  *self,
                                                     const char          *candidate_id);
GStrv               ik_candidate_matches_get_group  (IkCandidateMatches  *self,
                                                     const char          *candidate_id);
gboolean            ik_candidate_matches_is_answered (IkCandidateMatches *self,
                                                      const char         *candidate_id,
                                                      const char         *other_id);

/* (element-type IkCandidateMatch) (transfer full): over the VALID
 * scorecards of @team_scorecards (IkTeamScorecard), the groups of ids not
 * yet answered (@matches may be NULL: every group). */
GPtrArray          *ik_candidate_find_matches       (GListModel          *team_scorecards,
                                                     IkCandidateMatches  *matches);

G_END_DECLS
