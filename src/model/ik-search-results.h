/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-search-results.h: the questions of a list that match a query, as a
 * GListModel whose items are found in constant time. */
#pragma once

#include <gio/gio.h>

#include "ik-search.h"

G_BEGIN_DECLS

#define IK_TYPE_SEARCH_RESULTS (ik_search_results_get_type ())
G_DECLARE_FINAL_TYPE (IkSearchResults, ik_search_results, IK, SEARCH_RESULTS, GObject)

IkSearchResults *ik_search_results_new       (void);
void             ik_search_results_set       (IkSearchResults *self,
                                              GListModel      *model,
                                              IkSearchQuery   *query);
void             ik_search_results_set_model (IkSearchResults *self,
                                              GListModel      *model);
void             ik_search_results_set_query (IkSearchResults *self,
                                              IkSearchQuery   *query);
GListModel      *ik_search_results_get_model (IkSearchResults *self);
IkSearchQuery   *ik_search_results_get_query (IkSearchResults *self);

G_END_DECLS
