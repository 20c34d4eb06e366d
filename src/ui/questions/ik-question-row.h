/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ik-search.h"

G_BEGIN_DECLS

#define IK_TYPE_QUESTION_ROW (ik_question_row_get_type ())
G_DECLARE_FINAL_TYPE (IkQuestionRow, ik_question_row, IK, QUESTION_ROW, GtkWidget)

GtkWidget  *ik_question_row_new          (void);
void        ik_question_row_set_question (IkQuestionRow *self,
                                          IkQuestion    *question,
                                          IkBank        *bank,
                                          IkSearchQuery *query);
IkQuestion *ik_question_row_get_question (IkQuestionRow *self);
const char *ik_question_row_get_markup   (IkQuestionRow *self);

G_END_DECLS
