/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-erase.h: erase everything stored about one candidate.
 *
 * A plan is made first and lists exactly the files that will go, each with
 * a description, so that the user can confirm; executing it deletes them.
 * Only files the application wrote are ever listed:
 *   - in the library, the candidate's sessions (`sessions/<id>.json`), the
 *     trash copies of those sessions and of deleted sessions of the
 *     candidate (`trash/session-<id>-<time>.json`), the library's own
 *     conflict copies (`sessions/<id>.conflict-<UTC>.json`) and its
 *     temporary files (`.<id>.json.ik-tmp-…`);
 *   - in the team folder, only this interviewer's own scorecard
 *     (`candidates/<candidate-id>/<own-id>.json`) and the sync clients'
 *     conflict copies of it, never a colleague's file; the candidate's
 *     folder goes too when nothing else is left in it;
 *   - in `<data-dir>/team-candidates.json`, the answers naming the
 *     candidate's id (the file is rewritten with the other answers).
 *
 * ik_erase_plan_new_for_sessions() plans the same for some sessions (those
 * past their retention date); a candidate's team files and answers go
 * only when none of their sessions is left.
 *
 * The candidate is named by its id or by its name (compared without case,
 * with runs of white space as one space); a name given to several candidate
 * ids is refused with the list of ids (G_IO_ERROR_INVALID_ARGUMENT). */
#pragma once

#include <gio/gio.h>

#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

typedef struct _IkErasePlan IkErasePlan;

IkErasePlan *ik_erase_plan_new             (IkLibrary     *library,
                                            IkTeamFolder  *team_folder,
                                            const char    *data_dir,
                                            const char    *name_or_id,
                                            GError       **error);
IkErasePlan *ik_erase_plan_new_for_sessions (IkLibrary    *library,
                                             IkTeamFolder *team_folder,
                                             const char   *data_dir,
                                             GPtrArray    *sessions,
                                             GError      **error);
void         ik_erase_plan_free            (IkErasePlan   *plan);

const char  *ik_erase_plan_get_candidate_id (IkErasePlan  *plan);
guint        ik_erase_plan_get_n_items     (IkErasePlan   *plan);
const char  *ik_erase_plan_get_path        (IkErasePlan   *plan,
                                            guint          index);
const char  *ik_erase_plan_get_description (IkErasePlan   *plan,
                                            guint          index);

gboolean     ik_erase_plan_execute         (IkErasePlan   *plan,
                                            GError       **error);
void         ik_erase_plan_execute_async   (IkErasePlan         *plan,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean     ik_erase_plan_execute_finish  (IkErasePlan   *plan,
                                            GAsyncResult  *result,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkErasePlan, ik_erase_plan_free)

G_END_DECLS
