/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-search.h: finding questions across every bank.
 *
 * A query is a list of words, each of which must appear (case- and
 * accent-insensitively) in the question's text, areas to cover or
 * follow-ups, optionally narrowed to questions that assess one competency
 * and carry one tag. Each question caches its folded text, and the cache
 * is dropped on the question's `changed` signal, so matching 10,000
 * questions is a series of substring searches.
 */
#pragma once

#include <gio/gio.h>

#include "ik-bank.h"
#include "ik-library.h"
#include "ik-question.h"
#include "ik-search-model.h"

G_BEGIN_DECLS

/**
 * IkSearchRange:
 * @start: byte offset of the first byte of the match
 * @end: byte offset just after the match
 *
 * One highlighted part of a string, in bytes of the original string.
 */
typedef struct
{
  gsize start;
  gsize end;
} IkSearchRange;

#define IK_TYPE_SEARCH_QUERY (ik_search_query_get_type ())

typedef struct _IkSearchQuery IkSearchQuery;

GType          ik_search_query_get_type       (void) G_GNUC_CONST;
IkSearchQuery *ik_search_query_new            (const char          *text,
                                               const char          *competency,
                                               const char          *tag);
IkSearchQuery *ik_search_query_ref            (IkSearchQuery       *query);
void           ik_search_query_unref          (IkSearchQuery       *query);
gboolean       ik_search_query_is_empty       (IkSearchQuery       *query);
gboolean       ik_search_query_has_words      (IkSearchQuery       *query);
const char    *ik_search_query_get_competency (IkSearchQuery       *query);
const char    *ik_search_query_get_tag        (IkSearchQuery       *query);
gboolean       ik_search_query_equal          (IkSearchQuery       *a,
                                               IkSearchQuery       *b);
gboolean       ik_search_query_is_narrower    (IkSearchQuery       *query,
                                               IkSearchQuery       *than);

gboolean       ik_question_match              (IkQuestion          *question,
                                               IkSearchQuery       *query);
GArray        *ik_search_find_ranges          (IkSearchQuery       *query,
                                               const char          *text);
char          *ik_search_highlight_markup     (IkSearchQuery       *query,
                                               const char          *text,
                                               const char          *open_tag,
                                               const char          *close_tag);
const char    *ik_search_first_matching_line  (IkSearchQuery       *query,
                                               IkQuestion          *question);
char          *ik_search_fold                 (const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkSearchQuery, ik_search_query_unref)

G_END_DECLS
