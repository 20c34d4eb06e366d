/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ik-question.h"
#include "ik-search.h"

G_BEGIN_DECLS

/* Shared by ik-search.c and ik-search-model.c. */
void ik_search_prepare_question (IkQuestion *question);

/* Shared by ik-search-model.c and ik-search-results.c. */
IkQuestion **ik_search_model_peek_items_unchecked (IkSearchModel *self,
                                                   guint         *n_items);

/* Shared by ik-search.c and ik-search-results.c. */
gboolean ik_search_match_unchecked (IkQuestion    *question,
                                    IkSearchQuery *query);

G_END_DECLS
