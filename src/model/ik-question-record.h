/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-question-record.h: what happened to one planned question in a session.
 *
 * A record owns a snapshot of the question, copied when the question was
 * planned, so that later edits of the bank never change a session that
 * already used it. Everything else in the record is what the interviewer
 * noted while asking it.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ik-question.h"

G_BEGIN_DECLS

/**
 * IkStarFlags:
 * @IK_STAR_NONE: no part of the STAR structure was heard
 * @IK_STAR_SITUATION: the candidate described the situation
 * @IK_STAR_TASK: the candidate described their task
 * @IK_STAR_ACTION: the candidate described what they did
 * @IK_STAR_RESULT: the candidate described the result
 *
 * The parts of a STAR-structured answer the interviewer heard. In files they
 * are written as an array of nicks, e.g. `"star": ["situation", "action"]`.
 */
typedef enum /*< flags >*/
{
  IK_STAR_NONE      = 0,
  IK_STAR_SITUATION = 1 << 0,
  IK_STAR_TASK      = 1 << 1,
  IK_STAR_ACTION    = 1 << 2,
  IK_STAR_RESULT    = 1 << 3,
} IkStarFlags;

#define IK_STAR_ALL (IK_STAR_SITUATION | IK_STAR_TASK | IK_STAR_ACTION | IK_STAR_RESULT)

#define IK_TYPE_STAR_FLAGS (ik_star_flags_get_type ())
GType ik_star_flags_get_type (void) G_GNUC_CONST;

#define IK_TYPE_QUESTION_RECORD (ik_question_record_get_type ())
G_DECLARE_FINAL_TYPE (IkQuestionRecord, ik_question_record, IK, QUESTION_RECORD, GObject)

IkQuestionRecord *ik_question_record_new                 (IkQuestion        *question);
IkQuestionRecord *ik_question_record_new_from_json       (JsonObject        *o,
                                                          GError           **error);
IkQuestionRecord *ik_question_record_new_from_pull       (IkJsonPull        *pull);
void              ik_question_record_to_json             (IkQuestionRecord  *self,
                                                          JsonBuilder       *b);
gboolean          ik_question_record_update_from         (IkQuestionRecord  *self,
                                                          IkQuestionRecord  *source);

IkQuestion       *ik_question_record_get_question        (IkQuestionRecord  *self);

const char       *ik_question_record_get_notes           (IkQuestionRecord  *self);
void              ik_question_record_set_notes           (IkQuestionRecord  *self,
                                                          const char        *notes);
gint64            ik_question_record_get_seconds         (IkQuestionRecord  *self);
void              ik_question_record_set_seconds         (IkQuestionRecord  *self,
                                                          gint64             seconds);
void              ik_question_record_add_seconds         (IkQuestionRecord  *self,
                                                          gint64             seconds);
int               ik_question_record_get_rating          (IkQuestionRecord  *self);
void              ik_question_record_set_rating          (IkQuestionRecord  *self,
                                                          int                rating);
gboolean          ik_question_record_get_no_experience   (IkQuestionRecord  *self);
void              ik_question_record_set_no_experience   (IkQuestionRecord  *self,
                                                          gboolean           no_experience);
gboolean          ik_question_record_get_skipped         (IkQuestionRecord  *self);
void              ik_question_record_set_skipped         (IkQuestionRecord  *self,
                                                          gboolean           skipped);
IkStarFlags       ik_question_record_get_star            (IkQuestionRecord  *self);
void              ik_question_record_set_star            (IkQuestionRecord  *self,
                                                          IkStarFlags        star);

guint             ik_question_record_get_n_areas         (IkQuestionRecord  *self);
gboolean          ik_question_record_get_area_covered    (IkQuestionRecord  *self,
                                                          guint              index);
void              ik_question_record_set_area_covered    (IkQuestionRecord  *self,
                                                          guint              index,
                                                          gboolean           covered);
guint             ik_question_record_get_n_areas_covered (IkQuestionRecord  *self);

guint             ik_question_record_get_n_follow_ups    (IkQuestionRecord  *self);
gboolean          ik_question_record_get_follow_up_asked (IkQuestionRecord  *self,
                                                          guint              index);
void              ik_question_record_set_follow_up_asked (IkQuestionRecord  *self,
                                                          guint              index,
                                                          gboolean           asked);

G_END_DECLS
