/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ik-limits.h"

/* The token reader of ik-json.h. */
typedef struct _IkJsonPull IkJsonPull;

G_BEGIN_DECLS

/* The longest time a question may be planned for, in minutes; the most
 * entries in one list of a question (areas, follow-ups, …): ik-limits.h. */
#define IK_QUESTION_MAX_MINUTES IK_LIMIT_QUESTION_MINUTES
#define IK_QUESTION_MAX_LIST_LENGTH IK_LIMIT_QUESTION_LIST_LENGTH

#define IK_TYPE_QUESTION (ik_question_get_type ())
G_DECLARE_FINAL_TYPE (IkQuestion, ik_question, IK, QUESTION, GObject)

/**
 * IkQuestionStringPool:
 *
 * Questions whose strings (text, areas, follow-ups, competencies, tags)
 * the questions read from JSON with the same id share, where equal, while
 * it is the pool of the reading thread: a session's snapshot of a question
 * then holds the strings of the bank's question. Filled first, then only
 * read, by any number of threads at once (no lock).
 */
typedef struct _IkQuestionStringPool IkQuestionStringPool;

IkQuestionStringPool *ik_question_string_pool_new        (void);
void                  ik_question_string_pool_free       (IkQuestionStringPool *pool);
void                  ik_question_string_pool_add        (IkQuestionStringPool *pool,
                                                          IkQuestion           *question);
void                  ik_question_string_pool_set_thread (IkQuestionStringPool *pool);

IkQuestion         *ik_question_new               (void);
IkQuestion         *ik_question_copy              (IkQuestion          *self);
IkQuestion         *ik_question_new_from_json     (JsonObject          *o,
                                                   GError             **error);
IkQuestion         *ik_question_new_from_pull     (IkJsonPull          *pull);
void                ik_question_to_json           (IkQuestion          *self,
                                                   JsonBuilder         *b);
gboolean            ik_question_update_from       (IkQuestion          *self,
                                                   IkQuestion          *source);

const char         *ik_question_get_id            (IkQuestion          *self);
const char         *ik_question_get_text          (IkQuestion          *self);
void                ik_question_set_text          (IkQuestion          *self,
                                                   const char          *text);
const char * const *ik_question_get_areas         (IkQuestion          *self);
void                ik_question_set_areas         (IkQuestion          *self,
                                                   const char * const  *areas);
const char * const *ik_question_get_follow_ups    (IkQuestion          *self);
void                ik_question_set_follow_ups    (IkQuestion          *self,
                                                   const char * const  *follow_ups);
const char * const *ik_question_get_competencies  (IkQuestion          *self);
void                ik_question_set_competencies  (IkQuestion          *self,
                                                   const char * const  *competencies);
const char * const *ik_question_get_tags          (IkQuestion          *self);
void                ik_question_set_tags          (IkQuestion          *self,
                                                   const char * const  *tags);
guint               ik_question_get_minutes       (IkQuestion          *self);
void                ik_question_set_minutes       (IkQuestion          *self,
                                                   guint                minutes);

G_END_DECLS
