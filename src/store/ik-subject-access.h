/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-subject-access.h: everything stored about one candidate, for them.
 *
 * A candidate may ask what is kept about them. The report is found with
 * the same matching as erasing (ik_erase_plan_new(): by id or by name,
 * every session, trash copy, conflict copy and temporary file of the
 * library, this interviewer's own scorecard in the team folder, the
 * answers about their ids), plus the colleagues' scorecards of the
 * candidate in the team folder (which erasing leaves to their writers),
 * and written into a folder as
 * `subject-access-<id>.json`:
 *
 *   {"format": "interview-kit/subject-access", "version": 1,
 *    "candidate_id": …, "candidate_names": […], "created": …,
 *    "sessions": [the session documents as stored: plan, notes, records,
 *                 scorecard with ratings, evidence and revisions],
 *    "files": [{"path": …, "description": …, "document": …}: every other
 *              file, as read (null when it cannot be read as JSON); of the
 *              answers file only the answers naming the candidate],
 *    "sources": [the path of every file the report came from]}
 *
 * and, when the caller can lay one out, a readable PDF of the same
 * (`subject-access-<id>.pdf`, made by ik_subject_access_pdf() in the
 * widgets' library, which draws it). Both are written with the store's
 * atomic writes, mode 0600.
 *
 * ik_subject_access_new() reads the library's objects: call it in the main
 * thread. Building and writing the report reads and writes files: the UI
 * calls ik_subject_access_write_async(). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ik-library.h"
#include "ik-team-folder.h"

G_BEGIN_DECLS

typedef struct _IkSubjectAccess IkSubjectAccess;

/* Lays the report out as a PDF; runs in the worker thread. */
typedef GBytes *(*IkSubjectAccessPdfFunc) (JsonNode      *report,
                                           GCancellable  *cancellable,
                                           GError       **error);

IkSubjectAccess *ik_subject_access_new              (IkLibrary              *library,
                                                     IkTeamFolder           *team_folder,
                                                     const char             *data_dir,
                                                     const char             *name_or_id,
                                                     GError                **error);
void             ik_subject_access_free             (IkSubjectAccess        *self);

const char      *ik_subject_access_get_candidate_id (IkSubjectAccess        *self);
guint            ik_subject_access_get_n_sources    (IkSubjectAccess        *self);
const char      *ik_subject_access_get_source       (IkSubjectAccess        *self,
                                                     guint                   index);
JsonNode        *ik_subject_access_build            (IkSubjectAccess        *self);
char            *ik_subject_access_get_filename     (IkSubjectAccess        *self,
                                                     const char             *extension);

gboolean         ik_subject_access_write            (IkSubjectAccess        *self,
                                                     const char             *dir,
                                                     IkSubjectAccessPdfFunc  pdf,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void             ik_subject_access_write_async      (IkSubjectAccess        *self,
                                                     const char             *dir,
                                                     IkSubjectAccessPdfFunc  pdf,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean         ik_subject_access_write_finish     (GAsyncResult           *result,
                                                     GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkSubjectAccess, ik_subject_access_free)

G_END_DECLS
