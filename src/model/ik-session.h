/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-session.h: one interview with one candidate.
 *
 * A session holds the planned questions as records (each with a snapshot of
 * its question), the interview clock and the scorecard. It is stored as one
 * document, `sessions/<id>.json`, format "interview-kit/session".
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ik-bank.h"
#include "ik-enums.h"
#include "ik-limits.h"
#include "ik-question-record.h"
#include "ik-scorecard.h"

G_BEGIN_DECLS

/* The "format" member of a session document. */
#define IK_SESSION_FORMAT "interview-kit/session"
/* The major format version this build writes and fully understands. */
#define IK_SESSION_FORMAT_VERSION 1
/* The most questions planned in one session; the longest planned
 * duration, in minutes (ik-limits.h). */
#define IK_SESSION_MAX_RECORDS IK_LIMIT_SESSION_RECORDS
#define IK_SESSION_MAX_DURATION IK_LIMIT_SESSION_DURATION
/* Changes of keep_until by hand, each with its reason. */
#define IK_SESSION_MAX_RETENTION_CHANGES IK_LIMIT_SCORECARD_REVISIONS
/* The planned duration of a new session, in minutes. */
#define IK_SESSION_DEFAULT_DURATION 60

#define IK_TYPE_SESSION (ik_session_get_type ())
G_DECLARE_FINAL_TYPE (IkSession, ik_session, IK, SESSION, GObject)

/**
 * IkSessionBodyLoader:
 * @session: a session whose body is away (ik_session_unload_body())
 * @user_data: the data given to ik_session_set_body_loader()
 *
 * Reads the session's records and scorecard again and gives them with
 * ik_session_take_body(); without that, the session's body is lost.
 */
typedef void (*IkSessionBodyLoader) (IkSession *session,
                                     gpointer   user_data);

/**
 * IkSessionSummary:
 * @records_start: where the "records" array starts in the file's bytes
 *   (after any byte order mark); 0 with @records_end when it is missing
 *   or null
 * @records_end: just past its "]"
 * @scorecard_start: where the "scorecard" object starts; 0 with
 *   @scorecard_end when it is missing or null
 * @scorecard_end: just past its "}"
 * @n_records: how many records the session has
 * @altered: whether its scorecard is altered
 * @submitted: (nullable): when its scorecard was submitted
 * @question_ids: (array zero-terminated=1): the distinct question ids of
 *   its records, in their order
 *
 * What a session with its body away keeps of it, and where that body
 * lies in the file it was read from (ik_session_new_from_data_summary(),
 * ik_session_new_from_summary()).
 */
typedef struct
{
  gsize       records_start;
  gsize       records_end;
  gsize       scorecard_start;
  gsize       scorecard_end;
  guint       n_records;
  gboolean    altered;
  GDateTime  *submitted;
  char      **question_ids;
} IkSessionSummary;

void              ik_session_summary_clear             (IkSessionSummary  *summary);
void              ik_session_summary_copy              (IkSessionSummary       *dest,
                                                        const IkSessionSummary *src);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IkSessionSummary, ik_session_summary_clear)

IkSession        *ik_session_new                       (void);
IkSession        *ik_session_new_from_json             (JsonNode          *root,
                                                        GError           **error);
IkSession        *ik_session_new_from_data             (const char        *data,
                                                       gsize              length);
IkSession        *ik_session_new_from_data_summary     (const char        *data,
                                                        gsize              length,
                                                        IkSessionSummary  *summary);
IkSession        *ik_session_new_from_summary          (const char        *data,
                                                        gsize              length,
                                                        const IkSessionSummary *summary);
JsonNode         *ik_session_to_json                   (IkSession         *self);
void              ik_session_update_from               (IkSession         *self,
                                                        IkSession         *source);

const char       *ik_session_get_id                    (IkSession         *self);
gboolean          ik_session_get_read_only             (IkSession         *self);

const char       *ik_session_get_candidate_name        (IkSession         *self);
void              ik_session_set_candidate_name        (IkSession         *self,
                                                        const char        *name);
const char       *ik_session_get_candidate_id          (IkSession         *self);
gboolean          ik_session_set_candidate_id          (IkSession         *self,
                                                        const char        *candidate_id);
const char       *ik_session_get_role                  (IkSession         *self);
void              ik_session_set_role                  (IkSession         *self,
                                                        const char        *role);
IkSeniority       ik_session_get_seniority             (IkSession         *self);
void              ik_session_set_seniority             (IkSession         *self,
                                                        IkSeniority        seniority);
const char       *ik_session_get_interviewer           (IkSession         *self);
void              ik_session_set_interviewer           (IkSession         *self,
                                                        const char        *interviewer);
GDateTime        *ik_session_get_scheduled             (IkSession         *self);
void              ik_session_set_scheduled             (IkSession         *self,
                                                        GDateTime         *scheduled);
guint             ik_session_get_duration              (IkSession         *self);
void              ik_session_set_duration              (IkSession         *self,
                                                        guint              minutes);
IkSessionState    ik_session_get_state                 (IkSession         *self);
void              ik_session_set_state                 (IkSession         *self,
                                                        IkSessionState     state);
const char       *ik_session_get_bank_id               (IkSession         *self);
void              ik_session_set_bank_id               (IkSession         *self,
                                                        const char        *bank_id);
const char       *ik_session_get_bank_title            (IkSession         *self);
void              ik_session_set_bank_title            (IkSession         *self,
                                                        const char        *bank_title);
GDateTime        *ik_session_get_keep_until            (IkSession         *self);
void              ik_session_set_keep_until            (IkSession         *self,
                                                        GDateTime         *keep_until);
void              ik_session_set_default_keep_until    (IkSession         *self,
                                                        guint              months);
GDateTime        *ik_session_get_retention_base        (IkSession         *self);
gboolean          ik_session_fill_keep_until           (IkSession         *self,
                                                        guint              months,
                                                        GDateTime         *now);
gboolean          ik_session_change_keep_until         (IkSession         *self,
                                                        GDateTime         *keep_until,
                                                        const char        *reason,
                                                        GDateTime         *now,
                                                        GError           **error);
guint             ik_session_get_n_retention_changes   (IkSession         *self);
gboolean          ik_session_get_retention_change      (IkSession         *self,
                                                        guint              index,
                                                        GDateTime        **from,
                                                        GDateTime        **to,
                                                        const char       **reason,
                                                        GDateTime        **at);
guint             ik_session_get_current               (IkSession         *self);
void              ik_session_set_current               (IkSession         *self,
                                                        guint              current);

gint64            ik_session_get_elapsed               (IkSession         *self);
void              ik_session_set_elapsed               (IkSession         *self,
                                                        gint64             seconds);
GDateTime        *ik_session_get_running_since         (IkSession         *self);
gboolean          ik_session_get_running               (IkSession         *self);
void              ik_session_start_clock               (IkSession         *self,
                                                        GDateTime         *now);
void              ik_session_pause_clock               (IkSession         *self,
                                                        GDateTime         *now);
gint64            ik_session_get_elapsed_at            (IkSession         *self,
                                                        GDateTime         *now);

GListModel       *ik_session_get_records               (IkSession         *self);
IkQuestionRecord *ik_session_add_question              (IkSession         *self,
                                                        IkQuestion        *question);
gboolean          ik_session_remove_record             (IkSession         *self,
                                                        guint              position);
gboolean          ik_session_move_record               (IkSession         *self,
                                                        guint              from,
                                                        guint              to);

IkScorecard      *ik_session_get_scorecard             (IkSession         *self);
gboolean          ik_session_ensure_scorecard_ratings  (IkSession         *self,
                                                        IkBank            *bank);


void              ik_session_unload_body               (IkSession         *self);
void              ik_session_take_body                 (IkSession         *self,
                                                        IkSession         *source);
void              ik_session_set_body_loader           (IkSession         *self,
                                                        IkSessionBodyLoader loader,
                                                        gpointer           user_data);
gboolean          ik_session_get_body_loaded           (IkSession         *self);
gboolean          ik_session_get_body_lost             (IkSession         *self);
guint             ik_session_get_n_records             (IkSession         *self);
gboolean          ik_session_get_scorecard_altered     (IkSession         *self);
GDateTime        *ik_session_get_scorecard_submitted   (IkSession         *self);
char            **ik_session_dup_question_ids          (IkSession         *self);

G_END_DECLS
