/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ik-library.h"

G_BEGIN_DECLS

#define IK_TYPE_QUESTION_BROWSER (ik_question_browser_get_type ())
G_DECLARE_FINAL_TYPE (IkQuestionBrowser, ik_question_browser, IK, QUESTION_BROWSER, GtkWidget)

GtkWidget *ik_question_browser_new           (IkLibrary         *library);
IkLibrary *ik_question_browser_get_library   (IkQuestionBrowser *self);
IkBank    *ik_question_browser_get_bank      (IkQuestionBrowser *self);
void       ik_question_browser_select_bank   (IkQuestionBrowser *self,
                                              IkBank            *bank);
GListModel *ik_question_browser_get_questions (IkQuestionBrowser *self);

G_END_DECLS
