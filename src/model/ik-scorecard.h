/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard.h: the interviewer's ratings and recommendation for a session.
 *
 * A scorecard is edited freely until it is submitted. Submitting seals it: a
 * SHA-256 over a canonical serialisation of its content is stored and the
 * scorecard becomes read-only. Changing a submitted scorecard requires an
 * amendment with a reason, which keeps the submitted content and its seal as
 * a revision; the history of revisions is never rewritten.
 *
 * A submitted scorecard whose content no longer gives its seal (a file
 * edited by hand) is read as it is but flagged altered; its seal is never
 * recomputed in place.
 *
 * Read-only is enforced by the model: every setter returns %FALSE and
 * changes nothing while the scorecard is read-only. The UI should also make
 * its widgets insensitive from the `read-only` properties.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ik-enums.h"
#include "ik-limits.h"

/* The token reader of ik-json.h. */
typedef struct _IkJsonPull IkJsonPull;

G_BEGIN_DECLS

/* The most competencies one scorecard rates, and the most revisions kept
 * (ik-limits.h). */
#define IK_SCORECARD_MAX_RATINGS IK_LIMIT_SCORECARD_RATINGS
#define IK_SCORECARD_MAX_REVISIONS IK_LIMIT_SCORECARD_REVISIONS

#define IK_SCORECARD_ERROR (ik_scorecard_error_quark ())
GQuark ik_scorecard_error_quark (void);

/**
 * IkScorecardError:
 * @IK_SCORECARD_ERROR_NOT_SUBMITTED: only a submitted scorecard can be
 *   amended
 * @IK_SCORECARD_ERROR_NO_REASON: an amendment needs a non-blank reason
 * @IK_SCORECARD_ERROR_LIMIT: %IK_LIMIT_SCORECARD_REVISIONS amendments
 *   already, or a reason longer than %IK_LIMIT_TEXT_LENGTH bytes: one more
 *   could be saved but never read back
 */
typedef enum
{
  IK_SCORECARD_ERROR_NOT_SUBMITTED,
  IK_SCORECARD_ERROR_NO_REASON,
  IK_SCORECARD_ERROR_LIMIT,
} IkScorecardError;

/* IkCompetencyRating ----------------------------------------------------- */

#define IK_TYPE_COMPETENCY_RATING (ik_competency_rating_get_type ())
G_DECLARE_FINAL_TYPE (IkCompetencyRating, ik_competency_rating, IK, COMPETENCY_RATING, GObject)

IkCompetencyRating  *ik_competency_rating_new                    (const char          *competency_id,
                                                                  const char          *competency_name);
const char          *ik_competency_rating_get_competency_id      (IkCompetencyRating  *self);
const char          *ik_competency_rating_get_competency_name    (IkCompetencyRating  *self);
gboolean             ik_competency_rating_set_competency_name    (IkCompetencyRating  *self,
                                                                  const char          *name);
int                  ik_competency_rating_get_rating             (IkCompetencyRating  *self);
gboolean             ik_competency_rating_set_rating             (IkCompetencyRating  *self,
                                                                  int                  rating);
const char          *ik_competency_rating_get_evidence           (IkCompetencyRating  *self);
gboolean             ik_competency_rating_set_evidence           (IkCompetencyRating  *self,
                                                                  const char          *evidence);
const char * const  *ik_competency_rating_get_evidence_questions (IkCompetencyRating  *self);
gboolean             ik_competency_rating_set_evidence_questions (IkCompetencyRating  *self,
                                                                  const char * const  *question_ids);
gboolean             ik_competency_rating_get_read_only          (IkCompetencyRating  *self);

/* IkScorecardRevision ---------------------------------------------------- */

#define IK_TYPE_SCORECARD_REVISION (ik_scorecard_revision_get_type ())
G_DECLARE_FINAL_TYPE (IkScorecardRevision, ik_scorecard_revision, IK, SCORECARD_REVISION, GObject)

GDateTime           *ik_scorecard_revision_get_time              (IkScorecardRevision *self);
const char          *ik_scorecard_revision_get_reason            (IkScorecardRevision *self);
GDateTime           *ik_scorecard_revision_get_submitted         (IkScorecardRevision *self);
const char          *ik_scorecard_revision_get_seal              (IkScorecardRevision *self);
JsonObject          *ik_scorecard_revision_get_content           (IkScorecardRevision *self);
gboolean             ik_scorecard_revision_get_altered           (IkScorecardRevision *self);

/* IkScorecardGap --------------------------------------------------------- */

/**
 * IkScorecardGapKind:
 * @IK_SCORECARD_GAP_UNRATED: a competency has no rating (neither 1 to
 *   %IK_RATING_MAX nor “not assessed”)
 * @IK_SCORECARD_GAP_NO_EVIDENCE: a competency is rated but its evidence is
 *   blank (only reported when evidence is required)
 * @IK_SCORECARD_GAP_NO_RECOMMENDATION: no overall recommendation was chosen
 *
 * What ik_scorecard_check_complete() found missing.
 */
typedef enum
{
  IK_SCORECARD_GAP_UNRATED,
  IK_SCORECARD_GAP_NO_EVIDENCE,
  IK_SCORECARD_GAP_NO_RECOMMENDATION,
} IkScorecardGapKind;

/**
 * IkScorecardGap:
 * @kind: what is missing
 * @competency_id: (nullable): the competency concerned, %NULL for
 *   %IK_SCORECARD_GAP_NO_RECOMMENDATION
 * @message: a translated sentence ready to show to the user
 */
typedef struct
{
  IkScorecardGapKind  kind;
  char               *competency_id;
  char               *message;
} IkScorecardGap;

void ik_scorecard_gap_free (IkScorecardGap *gap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkScorecardGap, ik_scorecard_gap_free)

/* IkScorecard ------------------------------------------------------------ */

#define IK_TYPE_SCORECARD (ik_scorecard_get_type ())
G_DECLARE_FINAL_TYPE (IkScorecard, ik_scorecard, IK, SCORECARD, GObject)

IkScorecard         *ik_scorecard_new                            (void);
IkScorecard         *ik_scorecard_new_from_json                  (JsonObject          *o,
                                                                  GError             **error);
IkScorecard         *ik_scorecard_new_from_pull                  (IkJsonPull          *pull);
void                 ik_scorecard_to_json                        (IkScorecard         *self,
                                                                  JsonBuilder         *b);
gboolean             ik_scorecard_update_from                    (IkScorecard         *self,
                                                                  IkScorecard         *source);

void                 ik_scorecard_set_context                    (IkScorecard         *self,
                                                                  const char          *session_id,
                                                                  const char          *candidate_id);
const char          *ik_scorecard_get_session_id                 (IkScorecard         *self);
const char          *ik_scorecard_get_candidate_id               (IkScorecard         *self);

GListModel          *ik_scorecard_get_ratings                    (IkScorecard         *self);
IkCompetencyRating  *ik_scorecard_find_rating                    (IkScorecard         *self,
                                                                  const char          *competency_id);
gboolean             ik_scorecard_add_rating                     (IkScorecard         *self,
                                                                  IkCompetencyRating  *rating);
gboolean             ik_scorecard_remove_rating                  (IkScorecard         *self,
                                                                  const char          *competency_id);

IkRecommendation     ik_scorecard_get_recommendation             (IkScorecard         *self);
gboolean             ik_scorecard_set_recommendation             (IkScorecard         *self,
                                                                  IkRecommendation     recommendation);
const char          *ik_scorecard_get_summary                    (IkScorecard         *self);
gboolean             ik_scorecard_set_summary                    (IkScorecard         *self,
                                                                  const char          *summary);

GDateTime           *ik_scorecard_get_submitted                  (IkScorecard         *self);
const char          *ik_scorecard_get_seal                       (IkScorecard         *self);
GListModel          *ik_scorecard_get_revisions                  (IkScorecard         *self);
gboolean             ik_scorecard_get_read_only                  (IkScorecard         *self);
gboolean             ik_scorecard_get_altered                    (IkScorecard         *self);

char                *ik_scorecard_compute_seal                   (IkScorecard         *self);
char                *ik_scorecard_get_canonical_content          (IkScorecard         *self);
gboolean             ik_scorecard_verify_seal                    (IkScorecard         *self);
gboolean             ik_scorecard_submit                         (IkScorecard         *self,
                                                                  GDateTime           *when);
gboolean             ik_scorecard_amend                          (IkScorecard         *self,
                                                                  const char          *reason,
                                                                  GError             **error);

GPtrArray           *ik_scorecard_check_complete                 (IkScorecard         *self,
                                                                  gboolean             require_evidence);

G_END_DECLS
