/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ik-search.h"
#include "ik-search-private.h"

/* Separates the fields of a question's folded text; no folded word
 * contains it, so a word never matches across two fields. */
#define FIELD_SEPARATOR '\x1f'

/* ---- Folding ------------------------------------------------------------ */

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Appends the folded form of @text to @out: decomposed, without combining
 * marks, case-folded. When @map is not NULL, it receives for every byte
 * appended the offset in @text of the character it came from, which turns
 * a match in the folded text back into a range of the original. */
static void
fold_append (GString    *out,
             const char *text,
             GArray     *map)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      guint32 offset = (guint32) (p - text);
      gsize before = out->len;
      guchar byte = (guchar) *p;

      if (byte < 0x80)
        {
          /* The common case, without any allocation. */
          g_string_append_c (out, g_ascii_tolower (byte));
        }
      else
        {
          gunichar c = g_utf8_get_char (p);
          gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));

          for (gsize i = 0; i < n; i++)
            {
              char utf8[8];
              int len;
              g_autofree char *folded = NULL;

              if (is_mark (decomposed[i]))
                continue;
              len = g_unichar_to_utf8 (decomposed[i], utf8);
              folded = g_utf8_casefold (utf8, len);
              g_string_append (out, folded);
            }
        }

      if (map != NULL)
        for (gsize i = before; i < out->len; i++)
          g_array_append_val (map, offset);
    }
}

/**
 * ik_search_fold:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): @text without case and accents, the form in
 * which queries and questions are compared.
 */
char *
ik_search_fold (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  fold_append (out, text, NULL);
  return g_string_free (out, FALSE);
}

/* ---- Queries ------------------------------------------------------------ */

struct _IkSearchQuery
{
  gatomicrefcount  ref_count;
  GStrv            words;       /* folded, non-empty, longest first */
  char            *competency;  /* NULL: any */
  char            *tag;         /* NULL: any */
};

G_DEFINE_BOXED_TYPE (IkSearchQuery, ik_search_query, ik_search_query_ref, ik_search_query_unref)

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/**
 * ik_search_query_new:
 * @text: (nullable): what the user typed; words separated by white space
 *   must all appear
 * @competency: (nullable): a competency id the question must assess
 * @tag: (nullable): a tag the question must carry (compared without case)
 *
 * Returns: (transfer full): a new query
 */
IkSearchQuery *
ik_search_query_new (const char *text,
                     const char *competency,
                     const char *tag)
{
  IkSearchQuery *query = g_new0 (IkSearchQuery, 1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  g_atomic_ref_count_init (&query->ref_count);

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *folded = ik_search_fold (text);
      g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r\f\v", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gboolean duplicate = FALSE;

          if (parts[i][0] == '\0' || strchr (parts[i], FIELD_SEPARATOR) != NULL)
            continue;
          for (guint j = 0; j < words->len && !duplicate; j++)
            duplicate = strcmp (g_ptr_array_index (words, j), parts[i]) == 0;
          if (!duplicate)
            g_ptr_array_add (words, g_strdup (parts[i]));
        }
    }
  /* Longest first: the word least likely to match rejects a question
   * soonest, and highlighting prefers the longer of overlapping words. */
  g_ptr_array_sort (words, compare_length_desc);
  g_ptr_array_add (words, NULL);
  query->words = (GStrv) g_ptr_array_free (g_steal_pointer (&words), FALSE);

  if (competency != NULL && competency[0] != '\0')
    query->competency = g_strdup (competency);
  if (tag != NULL && tag[0] != '\0')
    query->tag = g_utf8_casefold (tag, -1);

  return query;
}

/**
 * ik_search_query_ref:
 *
 * Returns: (transfer full): @query
 */
IkSearchQuery *
ik_search_query_ref (IkSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  g_atomic_ref_count_inc (&query->ref_count);
  return query;
}

void
ik_search_query_unref (IkSearchQuery *query)
{
  g_return_if_fail (query != NULL);

  if (g_atomic_ref_count_dec (&query->ref_count))
    {
      g_strfreev (query->words);
      g_free (query->competency);
      g_free (query->tag);
      g_free (query);
    }
}

/**
 * ik_search_query_is_empty:
 *
 * Returns: whether @query matches every question (no words, no filter)
 */
gboolean
ik_search_query_is_empty (IkSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return query->words[0] == NULL && query->competency == NULL && query->tag == NULL;
}

/**
 * ik_search_query_has_words:
 *
 * Returns: whether @query has any words to look for (filters aside)
 */
gboolean
ik_search_query_has_words (IkSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, FALSE);

  return query->words[0] != NULL;
}

const char *
ik_search_query_get_competency (IkSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->competency;
}

/**
 * ik_search_query_get_tag:
 *
 * Returns: (nullable): the tag filter, case-folded
 */
const char *
ik_search_query_get_tag (IkSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return query->tag;
}

/**
 * ik_search_query_equal:
 *
 * Returns: whether @a and @b match exactly the same questions because they
 * have the same words and filters
 */
gboolean
ik_search_query_equal (IkSearchQuery *a,
                       IkSearchQuery *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strv_equal ((const char * const *) a->words, (const char * const *) b->words) &&
         g_strcmp0 (a->competency, b->competency) == 0 &&
         g_strcmp0 (a->tag, b->tag) == 0;
}

/**
 * ik_search_query_is_narrower:
 * @query: a query
 * @than: an earlier query
 *
 * Tells whether every question @query matches is also matched by @than, as
 * when the user types on: each word of @than is part of a word of @query,
 * and @query keeps the filters of @than. A list filtered by @than then only
 * needs its matches checked again.
 *
 * Returns: %TRUE when @query can only match fewer questions than @than
 */
gboolean
ik_search_query_is_narrower (IkSearchQuery *query,
                             IkSearchQuery *than)
{
  g_return_val_if_fail (query != NULL && than != NULL, FALSE);

  if (than->competency != NULL && g_strcmp0 (query->competency, than->competency) != 0)
    return FALSE;
  if (than->tag != NULL && g_strcmp0 (query->tag, than->tag) != 0)
    return FALSE;

  for (guint i = 0; than->words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; query->words[j] != NULL && !found; j++)
        found = strstr (query->words[j], than->words[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* ---- Matching ----------------------------------------------------------- */

typedef struct
{
  char   *folded;   /* NULL when stale */
  gulong  handler;
} QuestionCache;

static GQuark
cache_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("ik-search-cache");
  return quark;
}

static void
question_cache_free (gpointer data)
{
  QuestionCache *cache = data;

  /* Only called when the question is finalized: its handlers are gone. */
  g_free (cache->folded);
  g_free (cache);
}

static void
on_question_changed (IkQuestion    *question,
                     QuestionCache *cache)
{
  g_clear_pointer (&cache->folded, g_free);
}

static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL)
    return;
  fold_append (out, text, NULL);
  g_string_append_c (out, FIELD_SEPARATOR);
}

/* Appends the text that matching compares, folded: the question's text,
 * areas and follow-ups, each followed by FIELD_SEPARATOR. Shared with
 * IkSearchModel, which keeps the texts of the whole library together. */
void
ik_search_append_folded_question (GString    *out,
                                  IkQuestion *question)
{
  const char * const *areas = ik_question_get_areas (question);
  const char * const *follow_ups = ik_question_get_follow_ups (question);

  append_field (out, ik_question_get_text (question));
  for (guint i = 0; areas != NULL && areas[i] != NULL; i++)
    append_field (out, areas[i]);
  for (guint i = 0; follow_ups != NULL && follow_ups[i] != NULL; i++)
    append_field (out, follow_ups[i]);
}

static const char *
question_get_folded (IkQuestion *question)
{
  /* No checked cast: this runs for every question on a keystroke. */
  QuestionCache *cache = g_object_get_qdata ((GObject *) question, cache_quark ());

  if (cache == NULL)
    {
      cache = g_new0 (QuestionCache, 1);
      cache->handler = g_signal_connect (question, "changed",
                                         G_CALLBACK (on_question_changed), cache);
      g_object_set_qdata_full (G_OBJECT (question), cache_quark (), cache, question_cache_free);
    }

  if (cache->folded == NULL)
    {
      GString *out = g_string_new (NULL);

      ik_search_append_folded_question (out, question);
      cache->folded = g_string_free (out, FALSE);
    }

  return cache->folded;
}

static gboolean
strv_contains_folded (const char * const *strv,
                      const char         *folded)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *item = g_utf8_casefold (strv[i], -1);

      if (strcmp (item, folded) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * ik_question_match:
 * @question: a question
 * @query: a query
 *
 * Returns: whether every word of @query appears in the text, an area or a
 * follow-up of @question, and @question passes the competency and tag
 * filters
 */
gboolean
ik_question_match (IkQuestion    *question,
                   IkSearchQuery *query)
{
  g_return_val_if_fail (IK_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  return ik_search_match_unchecked (question, query);
}

/* ik_question_match() without checking its arguments, for the passes of
 * IkSearchResults over questions it knows. */
gboolean
ik_search_match_unchecked (IkQuestion    *question,
                           IkSearchQuery *query)
{
  if (!ik_search_query_passes_filters (query, question))
    return FALSE;
  if (query->words[0] == NULL)
    return TRUE;

  return ik_search_query_words_in (query, question_get_folded (question));
}

/* Whether @question passes the competency and tag filters of @query;
 * without filters, @question is not read. */
gboolean
ik_search_query_passes_filters (IkSearchQuery *query,
                                IkQuestion    *question)
{
  if (query->competency != NULL &&
      !g_strv_contains (ik_question_get_competencies (question), query->competency))
    return FALSE;
  if (query->tag != NULL &&
      !strv_contains_folded (ik_question_get_tags (question), query->tag))
    return FALSE;
  return TRUE;
}

/* Whether every word of @query is in @folded, a question's folded text
 * (ik_search_append_folded_question()); TRUE without words. */
gboolean
ik_search_query_words_in (IkSearchQuery *query,
                          const char    *folded)
{
  for (guint i = 0; query->words[i] != NULL; i++)
    if (strstr (folded, query->words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const IkSearchRange *ra = a;
  const IkSearchRange *rb = b;

  return ra->start < rb->start ? -1 : ra->start > rb->start ? 1 : 0;
}

/**
 * ik_search_find_ranges:
 * @query: a query
 * @text: UTF-8 text, typically one field of a question
 *
 * Finds every occurrence of every word of @query in @text, without case or
 * accents, and returns them as byte ranges of @text, sorted and merged where
 * they touch or overlap; ranges always fall on character boundaries.
 *
 * Returns: (transfer full) (element-type IkSearchRange): the ranges, possibly
 * none
 */
GArray *
ik_search_find_ranges (IkSearchQuery *query,
                       const char    *text)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (IkSearchRange));
  g_autoptr(GArray) map = NULL;
  g_autoptr(GString) folded = NULL;
  GArray *merged;

  g_return_val_if_fail (query != NULL, ranges);

  if (text == NULL || query->words[0] == NULL)
    return ranges;

  map = g_array_new (FALSE, FALSE, sizeof (guint32));
  folded = g_string_new (NULL);
  fold_append (folded, text, map);

  for (guint i = 0; query->words[i] != NULL; i++)
    {
      gsize word_len = strlen (query->words[i]);
      const char *p = folded->str;

      while ((p = strstr (p, query->words[i])) != NULL)
        {
          gsize fstart = p - folded->str;
          gsize fend = fstart + word_len;
          guint32 last = g_array_index (map, guint32, fend - 1);
          IkSearchRange range;

          range.start = g_array_index (map, guint32, fstart);
          range.end = g_utf8_next_char (text + last) - text;
          g_array_append_val (ranges, range);
          p += word_len;
        }
    }

  g_array_sort (ranges, compare_ranges);
  merged = g_array_new (FALSE, FALSE, sizeof (IkSearchRange));
  for (guint i = 0; i < ranges->len; i++)
    {
      IkSearchRange *r = &g_array_index (ranges, IkSearchRange, i);

      if (merged->len > 0)
        {
          IkSearchRange *prev = &g_array_index (merged, IkSearchRange, merged->len - 1);
          if (r->start <= prev->end)
            {
              prev->end = MAX (prev->end, r->end);
              continue;
            }
        }
      g_array_append_val (merged, *r);
    }
  g_array_unref (ranges);

  return merged;
}

/**
 * ik_search_highlight_markup:
 * @query: a query
 * @text: UTF-8 text
 * @open_tag: (nullable): markup put before each match, "<b>" when NULL
 * @close_tag: (nullable): markup put after each match, "</b>" when NULL
 *
 * Returns: (transfer full): @text as Pango markup, escaped, with every
 * match of @query wrapped in @open_tag and @close_tag
 */
char *
ik_search_highlight_markup (IkSearchQuery *query,
                            const char    *text,
                            const char    *open_tag,
                            const char    *close_tag)
{
  g_autoptr(GArray) ranges = NULL;
  GString *out;
  gsize pos = 0;

  g_return_val_if_fail (query != NULL, NULL);

  if (text == NULL)
    return g_strdup ("");
  if (open_tag == NULL)
    open_tag = "<b>";
  if (close_tag == NULL)
    close_tag = "</b>";

  ranges = ik_search_find_ranges (query, text);
  out = g_string_sized_new (strlen (text) + 16);
  for (guint i = 0; i < ranges->len; i++)
    {
      IkSearchRange *r = &g_array_index (ranges, IkSearchRange, i);
      g_autofree char *before = g_markup_escape_text (text + pos, r->start - pos);
      g_autofree char *match = g_markup_escape_text (text + r->start, r->end - r->start);

      g_string_append (out, before);
      g_string_append (out, open_tag);
      g_string_append (out, match);
      g_string_append (out, close_tag);
      pos = r->end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + pos, -1);
    g_string_append (out, rest);
  }

  return g_string_free (out, FALSE);
}

static gboolean
text_contains_word (const char *text,
                    const char *word)
{
  g_autofree char *folded = ik_search_fold (text);

  return strstr (folded, word) != NULL;
}

/**
 * ik_search_first_matching_line:
 * @query: a query
 * @question: a question that matches @query
 *
 * When some word of @query is not in the text of @question, finds the area
 * to cover or follow-up that holds it, to show it under the text.
 *
 * Returns: (nullable) (transfer none): the first area or follow-up holding a
 * word the text lacks, or NULL when the text holds every word
 */
const char *
ik_search_first_matching_line (IkSearchQuery *query,
                               IkQuestion    *question)
{
  const char * const *lists[2];
  g_autofree char *folded_text = NULL;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (IK_IS_QUESTION (question), NULL);

  folded_text = ik_search_fold (ik_question_get_text (question));
  lists[0] = ik_question_get_areas (question);
  lists[1] = ik_question_get_follow_ups (question);

  for (guint w = 0; query->words[w] != NULL; w++)
    {
      if (strstr (folded_text, query->words[w]) != NULL)
        continue;
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
          if (text_contains_word (lists[l][i], query->words[w]))
            return lists[l][i];
    }

  return NULL;
}
