/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ik-competency.h"
#include "ik-enums.h"
#include "ik-guidance.h"
#include "ik-limits.h"
#include "ik-question.h"

G_BEGIN_DECLS

/* The "format" member of a bank document. */
#define IK_BANK_FORMAT "interview-kit/bank"
/* The major format version this build writes and fully understands. */
#define IK_BANK_FORMAT_VERSION 1
/* The most questions (and competencies, and guidance entries) in a bank. */
#define IK_BANK_MAX_ITEMS IK_LIMIT_BANK_ITEMS

#define IK_TYPE_BANK (ik_bank_get_type ())
G_DECLARE_FINAL_TYPE (IkBank, ik_bank, IK, BANK, GObject)

IkBank       *ik_bank_new                 (const char    *title);
IkBank       *ik_bank_new_from_json       (JsonNode      *root,
                                           GError       **error);
IkBank       *ik_bank_new_from_data       (const char    *data,
                                          gsize          length);

/**
 * IkBankQuestions:
 * @start: where a bank file's questions array starts (its "["), counted
 *   after a byte order mark if the file has one
 * @end: just past its "]"
 * @n: how many questions it holds
 */
typedef struct
{
  gsize start;
  gsize end;
  guint n;
} IkBankQuestions;

/**
 * IkBankQuestionsRead:
 * @user_data: the data given with the function
 *
 * Reads the questions array of a bank file, "[" to "]", left unread
 * before (ik_bank_new_passing_questions()).
 *
 * Returns: (transfer full) (nullable): its bytes, or %NULL when they
 *   cannot be read
 */
typedef GBytes *(*IkBankQuestionsRead) (gpointer user_data);

IkBank       *ik_bank_new_passing_questions (const char            *data,
                                             gsize                  length,
                                             const IkBankQuestions *skip,
                                             IkBankQuestionsRead    read,
                                             gpointer               read_data,
                                             GDestroyNotify         read_destroy,
                                             IkBankQuestions       *questions);
IkBank       *ik_bank_new_from_bytes      (const char            *data,
                                           gsize                  length,
                                           GBytes                *bytes,
                                           const IkBankQuestions *skip,
                                           IkBankQuestions       *questions);
gboolean      ik_bank_load_questions      (IkBank        *self);
gboolean      ik_bank_has_pending_questions (IkBank      *self);
JsonNode     *ik_bank_to_json             (IkBank        *self);
IkBank       *ik_bank_duplicate           (IkBank        *self,
                                           const char    *new_title);
void          ik_bank_update_from         (IkBank        *self,
                                           IkBank        *source);

const char   *ik_bank_get_id              (IkBank        *self);
const char   *ik_bank_get_title           (IkBank        *self);
void          ik_bank_set_title           (IkBank        *self,
                                           const char    *title);
const char   *ik_bank_get_description     (IkBank        *self);
void          ik_bank_set_description     (IkBank        *self,
                                           const char    *description);
IkBankOrigin  ik_bank_get_origin          (IkBank        *self);
void          ik_bank_set_origin          (IkBank        *self,
                                           IkBankOrigin   origin);
const char   *ik_bank_get_origin_file     (IkBank        *self);
void          ik_bank_set_origin_file     (IkBank        *self,
                                           const char    *origin_file);
GDateTime    *ik_bank_get_created         (IkBank        *self);
void          ik_bank_set_created         (IkBank        *self,
                                           GDateTime     *created);
GDateTime    *ik_bank_get_modified        (IkBank        *self);
void          ik_bank_set_modified        (IkBank        *self,
                                           GDateTime     *modified);
guint64       ik_bank_get_version         (IkBank        *self);
void          ik_bank_set_version         (IkBank        *self,
                                           guint64        version);
gboolean      ik_bank_get_read_only       (IkBank        *self);
void          ik_bank_set_read_only       (IkBank        *self,
                                           gboolean       read_only);

GListModel   *ik_bank_get_questions       (IkBank        *self);
GListModel   *ik_bank_peek_questions      (IkBank        *self);
guint         ik_bank_get_n_questions     (IkBank        *self);
GListModel   *ik_bank_get_competencies    (IkBank        *self);
GListModel   *ik_bank_get_guidance        (IkBank        *self);
IkQuestion   *ik_bank_find_question       (IkBank        *self,
                                           const char    *id);
IkCompetency *ik_bank_find_competency     (IkBank        *self,
                                           const char    *id);

G_END_DECLS
