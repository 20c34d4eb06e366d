/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-scorecard.h: one interviewer's submitted scorecard for one
 * candidate, as published to the team folder.
 *
 * The published file `<team>/candidates/<candidate-id>/<interviewer-id>.json`
 * is `{"format":"interview-kit/team-scorecard","version":1,"payload":"…",
 * "signature":{"algorithm":"ed25519","public_key":"…","value":"…"}}`. The
 * signature is over the exact bytes of the payload string, itself the compact
 * JSON of
 *
 *   {"interviewer_id":…,"interviewer_name":…,"candidate_id":…,
 *    "candidate_name":…,"role":…,"seniority":nick,"session_id":…,
 *    "bank_title":…,"published":ISO-8601,
 *    "questions":[{"id":…,"text":…,"notes":…?}…],   notes only if shared
 *    "notes_shared":bool,
 *    "scorecard":{…ik_scorecard_to_json…}}
 *
 * so no re-serialisation is ever needed to verify it. This unit builds the
 * payload from a session and reads it back; signing and files are
 * IkTeamFolder's.
 */
#pragma once

#include <gio/gio.h>

#include "ik-scorecard.h"
#include "ik-session.h"

G_BEGIN_DECLS

#define IK_TEAM_SCORECARD_FORMAT "interview-kit/team-scorecard"
#define IK_TEAM_SCORECARD_VERSION 1

/**
 * IkSignatureState:
 * @IK_SIGNATURE_VALID: signed by the key pinned for this interviewer, and the
 *   content matches the signature
 * @IK_SIGNATURE_UNKNOWN: no key is known for this interviewer yet (their
 *   `people/` file has not arrived); shown, not counted
 * @IK_SIGNATURE_ALTERED: the content does not match its signature, the file
 *   is not a well-formed signed scorecard, or its ids do not match its path
 * @IK_SIGNATURE_KEY_CHANGED: validly signed, but by a different key than the
 *   one pinned for this interviewer: shown as altered
 *
 * Only %IK_SIGNATURE_VALID scorecards are counted in a debrief.
 */
typedef enum
{
  IK_SIGNATURE_VALID,
  IK_SIGNATURE_UNKNOWN,
  IK_SIGNATURE_ALTERED,
  IK_SIGNATURE_KEY_CHANGED,
} IkSignatureState;

/**
 * IkTeamQuestion:
 * @id: the question id
 * @text: the question as asked
 * @notes: (nullable): the interviewer's notes, only when they shared them
 */
typedef struct
{
  char *id;
  char *text;
  char *notes;
} IkTeamQuestion;

#define IK_TYPE_TEAM_SCORECARD (ik_team_scorecard_get_type ())
G_DECLARE_FINAL_TYPE (IkTeamScorecard, ik_team_scorecard, IK, TEAM_SCORECARD, GObject)

IkTeamScorecard  *ik_team_scorecard_new_from_session    (IkSession        *session,
                                                         const char       *interviewer_id,
                                                         const char       *interviewer_name,
                                                         gboolean          share_notes,
                                                         GDateTime        *published);
char             *ik_team_scorecard_to_payload          (IkTeamScorecard  *self);
IkTeamScorecard  *ik_team_scorecard_new_from_payload    (const char       *payload,
                                                         gsize             length,
                                                         GError          **error);
/* A file that could not be read as a signed scorecard at all: known only by
 * its path; its state is %IK_SIGNATURE_ALTERED, its scorecard empty. */
IkTeamScorecard  *ik_team_scorecard_new_unreadable      (const char       *candidate_id,
                                                         const char       *interviewer_id,
                                                         const char       *path);

const char       *ik_team_scorecard_get_interviewer_id   (IkTeamScorecard *self);
const char       *ik_team_scorecard_get_interviewer_name (IkTeamScorecard *self);
const char       *ik_team_scorecard_get_candidate_id     (IkTeamScorecard *self);
const char       *ik_team_scorecard_get_candidate_name   (IkTeamScorecard *self);
const char       *ik_team_scorecard_get_role             (IkTeamScorecard *self);
IkSeniority       ik_team_scorecard_get_seniority        (IkTeamScorecard *self);
const char       *ik_team_scorecard_get_session_id       (IkTeamScorecard *self);
const char       *ik_team_scorecard_get_bank_title       (IkTeamScorecard *self);
GDateTime        *ik_team_scorecard_get_published        (IkTeamScorecard *self);
gboolean          ik_team_scorecard_get_notes_shared     (IkTeamScorecard *self);
/* (element-type IkTeamQuestion) in the order asked */
GPtrArray        *ik_team_scorecard_get_questions        (IkTeamScorecard *self);
/* read-only (submitted), with its revisions */
IkScorecard      *ik_team_scorecard_get_scorecard        (IkTeamScorecard *self);

/* Set by IkTeamFolder when it reads the file. A new object is VALID with no
 * path or key (it was made here). */
IkSignatureState  ik_team_scorecard_get_signature_state  (IkTeamScorecard *self);
void              ik_team_scorecard_set_signature_state  (IkTeamScorecard *self,
                                                          IkSignatureState state);
const char       *ik_team_scorecard_get_public_key       (IkTeamScorecard *self);
void              ik_team_scorecard_set_public_key       (IkTeamScorecard *self,
                                                          const char      *public_key);
const char       *ik_team_scorecard_get_path             (IkTeamScorecard *self);
void              ik_team_scorecard_set_path             (IkTeamScorecard *self,
                                                          const char      *path);

G_END_DECLS
