/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ik-bank.h"
#include "ik-problem.h"
#include "ik-session.h"

G_BEGIN_DECLS

/* The resource folder of the banks shipped with the application. */
#define IK_LIBRARY_BUNDLED_BANKS_PATH "/io/github/interviewkit/InterviewKit/banks/"
/* Default delay between the last change of an object and its save. */
#define IK_LIBRARY_AUTOSAVE_DELAY_MS 1000
/* Steady typing never holds a save back longer than this after the first
 * unsaved change. */
#define IK_LIBRARY_AUTOSAVE_MAX_DELAY_MS 3000
/* Delay before a failed save is tried again. */
#define IK_LIBRARY_RETRY_DELAY_MS 10000
/* The retention period until the application sets the user's (the
 * default of the retention-months setting). */
#define IK_LIBRARY_DEFAULT_RETENTION_MONTHS 12
/* Deleted banks and sessions older than this are purged at load. */
#define IK_LIBRARY_TRASH_MAX_AGE_DAYS 30

#define IK_TYPE_LIBRARY (ik_library_get_type ())
G_DECLARE_FINAL_TYPE (IkLibrary, ik_library, IK, LIBRARY, GObject)

IkLibrary  *ik_library_new                 (const char           *dir);
const char *ik_library_get_dir             (IkLibrary            *self);

void        ik_library_load_async          (IkLibrary            *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    ik_library_load_finish         (IkLibrary            *self,
                                            GAsyncResult         *result,
                                            GError              **error);
gboolean    ik_library_get_loaded          (IkLibrary            *self);
void        ik_library_load_questions      (IkLibrary            *self);

GListModel *ik_library_get_banks           (IkLibrary            *self);
GListModel *ik_library_get_sessions        (IkLibrary            *self);
GListModel *ik_library_get_problems        (IkLibrary            *self);

IkBank     *ik_library_find_bank           (IkLibrary            *self,
                                            const char           *id);
IkSession  *ik_library_find_session_in_progress (IkLibrary       *self);
IkSession  *ik_library_find_session        (IkLibrary            *self,
                                            const char           *id);

IkBank     *ik_library_add_bank            (IkLibrary            *self,
                                            IkBank               *bank);
IkSession  *ik_library_add_session         (IkLibrary            *self,
                                            IkSession            *session);
gboolean    ik_library_remove_bank         (IkLibrary            *self,
                                            IkBank               *bank,
                                            GError              **error);
gboolean    ik_library_remove_session      (IkLibrary            *self,
                                            IkSession            *session,
                                            GError              **error);
IkBank     *ik_library_restore_bank        (IkLibrary            *self,
                                            const char           *id,
                                            GError              **error);
IkSession  *ik_library_restore_session     (IkLibrary            *self,
                                            const char           *id,
                                            GError              **error);
IkBank     *ik_library_make_user_copy      (IkLibrary            *self,
                                            IkBank               *bank);
IkBank     *ik_library_find_bundled_bank   (IkLibrary            *self,
                                            const char           *id);
IkBank     *ik_library_restore_bundled_bank (IkLibrary           *self,
                                            IkBank               *copy,
                                            GError              **error);
gboolean    ik_library_is_dirty            (IkLibrary            *self,
                                            GObject              *object);
guint       ik_library_count_question_usage (IkLibrary          *self,
                                            const char           *question_id);

gboolean    ik_library_flush               (IkLibrary            *self,
                                            GError              **error);
void        ik_library_retry_save          (IkLibrary            *self);

void        ik_library_set_retention_months (IkLibrary          *self,
                                            guint                 months);
guint       ik_library_get_retention_months (IkLibrary          *self);
GPtrArray  *ik_library_list_expired_sessions (IkLibrary         *self,
                                            GDateTime            *now);

const char *ik_library_get_error           (IkLibrary            *self);
gboolean    ik_library_get_has_error       (IkLibrary            *self);
gboolean    ik_library_get_saving          (IkLibrary            *self);

G_END_DECLS
