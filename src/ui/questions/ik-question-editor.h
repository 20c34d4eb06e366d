/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ik-library.h"

G_BEGIN_DECLS

#define IK_TYPE_QUESTION_EDITOR (ik_question_editor_get_type ())
G_DECLARE_FINAL_TYPE (IkQuestionEditor, ik_question_editor, IK, QUESTION_EDITOR, GtkWidget)

GtkWidget  *ik_question_editor_new          (IkLibrary        *library);
void        ik_question_editor_set_question (IkQuestionEditor *self,
                                             IkBank           *bank,
                                             IkQuestion       *question);
IkQuestion *ik_question_editor_get_question (IkQuestionEditor *self);
IkBank     *ik_question_editor_get_bank     (IkQuestionEditor *self);

G_END_DECLS
