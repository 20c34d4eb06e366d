/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ik-question.h"
#include "ik-search.h"

G_BEGIN_DECLS

/* Shared by ik-search-model.c and ik-search-results.c. */
IkQuestion **ik_search_model_peek_items_unchecked (IkSearchModel *self,
                                                   guint         *n_items);

/* Shared by ik-search.c and ik-search-results.c. */
gboolean ik_search_match_unchecked (IkQuestion    *question,
                                    IkSearchQuery *query);

/* Matching in parts, without checks, for IkSearchModel's own texts. */
void     ik_search_append_folded_question (GString       *out,
                                           IkQuestion    *question);
gboolean ik_search_query_passes_filters   (IkSearchQuery *query,
                                           IkQuestion    *question);
gboolean ik_search_query_words_in         (IkSearchQuery *query,
                                           const char    *folded);

/* Shared by ik-search-model.c and ik-search-results.c: whether the
 * question at @position matches @query, from the model's own texts. */
gboolean ik_search_model_match_unchecked  (IkSearchModel *self,
                                           guint          position,
                                           IkSearchQuery *query);

/* The same from a text already folded, or -1; for other threads while
 * the model does not change and nothing is folded. */
int      ik_search_model_match_folded     (IkSearchModel *self,
                                           guint          position,
                                           IkSearchQuery *query);

/* Where the questions of @list (a bank's, as ik_bank_get_questions()
 * gives them) start in @self, if they are in it. */
gboolean ik_search_model_find_list        (IkSearchModel *self,
                                           GListModel    *list,
                                           guint         *offset);

G_END_DECLS
