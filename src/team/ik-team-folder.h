/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-folder.h: the folder a hiring team shares through a sync engine
 * (Syncthing, Nextcloud, any synced folder). There is no server.
 *
 * Layout:
 *   <team>/people/<interviewer-id>.json
 *       {"format":"interview-kit/person","version":1,"payload":"…",
 *        "signature":{…}}, payload {"interviewer_id","name","public_key"},
 *       signed by that key (self-signed: it proves possession, not identity)
 *   <team>/candidates/<candidate-id>/<interviewer-id>.json
 *       an IkTeamScorecard (ik-team-scorecard.h)
 *
 * Each file has one writer (its interviewer), so sync conflicts do not arise
 * in normal use. Files are written atomically (temporary file, fsync,
 * rename); a publish never deletes anything.
 *
 * Keys are trusted on first sight and pinned in a file private to this
 * interviewer (`trust_path`, e.g. `<data-dir>/team-keys.json`): the first
 * key seen for an interviewer id in their people file (self-signed, with the
 * id of its file name) is pinned; our own key is always pinned. The key a
 * scorecard carries is never pinned by itself: anyone could sign a file in a
 * colleague's name before the colleague's people file arrives. A scorecard whose
 * signature does not verify is %IK_SIGNATURE_ALTERED; one that verifies with
 * a key other than the pinned one is %IK_SIGNATURE_KEY_CHANGED; one from an
 * interviewer whose key is not known is %IK_SIGNATURE_UNKNOWN.
 *
 * Sync clients' conflict copies (`<name>.sync-conflict-<date>-<time>-<device>
 * .json`, Nextcloud's `<name> (conflicted copy …).json`, our own
 * `<name>.conflict-<UTC>.json`) are listed in the conflicts model, never
 * loaded as the original. Temporary files (`.` prefix, `~` suffix,
 * `.syncthing.*.tmp`) are ignored.
 *
 * The folder is watched (GFileMonitor on the folder, people/, candidates/
 * and each candidate folder); a change re-reads it after a short delay and
 * emits ::changed. Where monitors cannot see other programs' writes (FUSE,
 * as in the Flatpak document portal, and network file systems) the folder
 * is also polled.
 */
#pragma once

#include <gio/gio.h>

#include "ik-candidate-match.h"
#include "ik-identity.h"
#include "ik-session.h"
#include "ik-team-scorecard.h"

G_BEGIN_DECLS

#define IK_TEAM_PERSON_FORMAT "interview-kit/person"

#define IK_TYPE_TEAM_CONFLICT (ik_team_conflict_get_type ())
G_DECLARE_FINAL_TYPE (IkTeamConflict, ik_team_conflict, IK, TEAM_CONFLICT, GObject)

/* The original file the copy conflicts with (may not exist), and the copy. */
const char *ik_team_conflict_get_original_path (IkTeamConflict *self);
const char *ik_team_conflict_get_copy_path     (IkTeamConflict *self);
/* "Syncthing", "Nextcloud" or "Interview Kit": who made the copy */
const char *ik_team_conflict_get_origin        (IkTeamConflict *self);

#define IK_TYPE_TEAM_FOLDER (ik_team_folder_get_type ())
G_DECLARE_FINAL_TYPE (IkTeamFolder, ik_team_folder, IK, TEAM_FOLDER, GObject)

IkTeamFolder *ik_team_folder_new              (const char      *path,
                                               IkIdentity      *identity,
                                               const char      *trust_path);
const char   *ik_team_folder_get_path         (IkTeamFolder    *self);
IkIdentity   *ik_team_folder_get_identity     (IkTeamFolder    *self);

/* Publishes the session's submitted scorecard (and our people file if it is
 * missing or out of date). Fails with G_IO_ERROR_INVALID_ARGUMENT if the
 * scorecard is not submitted or the session has no candidate id. */
gboolean      ik_team_folder_publish          (IkTeamFolder    *self,
                                               IkSession       *session,
                                               const char      *display_name,
                                               gboolean         share_notes,
                                               GError         **error);
void          ik_team_folder_publish_async    (IkTeamFolder    *self,
                                               IkSession       *session,
                                               const char      *display_name,
                                               gboolean         share_notes,
                                               GCancellable    *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
gboolean      ik_team_folder_publish_finish   (IkTeamFolder    *self,
                                               GAsyncResult    *result,
                                               GError         **error);

/* Reads the whole folder now (blocking; the monitor does this itself). A
 * missing folder is an error; unreadable files become ALTERED entries. */
gboolean      ik_team_folder_reload           (IkTeamFolder    *self,
                                               GError         **error);
/* Turns the monitor on; ::changed is emitted after each re-read. */
void          ik_team_folder_watch            (IkTeamFolder    *self);
/* Why the last re-read failed (its previous contents are kept) or why the
 * trusted keys cannot be read; NULL when all is well (property "error"). */
const GError *ik_team_folder_get_error        (IkTeamFolder    *self);

/* (element-type IkTeamScorecard): every scorecard file, all candidates,
 * sorted by candidate id then interviewer name */
GListModel   *ik_team_folder_get_scorecards   (IkTeamFolder    *self);
/* (transfer full) (element-type IkTeamScorecard): one candidate's */
GPtrArray    *ik_team_folder_list_candidate   (IkTeamFolder    *self,
                                               const char      *candidate_id);
/* (transfer full) (element-type IkTeamScorecard): one candidate's under
 * every id confirmed as theirs in @matches (nullable) */
GPtrArray    *ik_team_folder_list_candidate_group (IkTeamFolder       *self,
                                                   IkCandidateMatches *matches,
                                                   const char         *candidate_id);
/* Whether the folder holds the session's submitted scorecard as it is
 * now (same seal, validly signed by us). */
gboolean      ik_team_folder_holds_submission (IkTeamFolder    *self,
                                               IkSession       *session);
/* (element-type IkTeamConflict) */
GListModel   *ik_team_folder_get_conflicts    (IkTeamFolder    *self);
/* Both versions of a conflict, read and checked in a worker thread. */
void          ik_team_folder_read_conflict_async  (IkTeamFolder        *self,
                                                   IkTeamConflict      *conflict,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      ik_team_folder_read_conflict_finish (IkTeamFolder        *self,
                                                   GAsyncResult        *result,
                                                   IkTeamScorecard    **original,
                                                   char               **original_problem,
                                                   IkTeamScorecard    **copy,
                                                   char               **copy_problem,
                                                   GError             **error);
/* Keeps one side: @keep_copy TRUE puts the copy's bytes in place of the
 * original (atomically) and removes the copy; FALSE removes the copy. The
 * original must still be what was last read, else G_IO_ERROR_WRONG_ETAG. */
gboolean      ik_team_folder_resolve_conflict (IkTeamFolder    *self,
                                               IkTeamConflict  *conflict,
                                               gboolean         keep_copy,
                                               GError         **error);

/* The pinned key for an interviewer, or NULL; the display name from their
 * people file, or NULL. */
const char   *ik_team_folder_get_pinned_key   (IkTeamFolder    *self,
                                               const char      *interviewer_id);
const char   *ik_team_folder_get_person_name  (IkTeamFolder    *self,
                                               const char      *interviewer_id);

G_END_DECLS
