/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ik-bank.h"
#include "ik-question.h"

G_BEGIN_DECLS

#define IK_TYPE_SEARCH_MODEL (ik_search_model_get_type ())
G_DECLARE_FINAL_TYPE (IkSearchModel, ik_search_model, IK, SEARCH_MODEL, GObject)

IkSearchModel *ik_search_model_new            (GListModel          *banks);
IkBank        *ik_search_model_get_bank       (IkSearchModel       *self,
                                               IkQuestion          *question);
gboolean       ik_search_model_warm           (IkSearchModel       *self,
                                               guint               *position,
                                               guint                max_questions);

G_END_DECLS
