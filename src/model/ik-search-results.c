/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-search-results.c: the questions of a list that match a query.
 *
 * What the question browser shows: a bank's questions, or while searching
 * the questions of every bank (IkSearchModel) that match the query. It
 * replaces a GtkFilterListModel, whose item i is found by counting through
 * a bitset (gtk_bitset_get_nth): GTK's list item manager asks for every
 * added item after a change, so one keystroke at 100,000 questions made
 * 20,000 such walks (half of the keystroke's instructions in callgrind).
 * Here the matches are an array of the list's positions, so item i is one
 * lookup.
 *
 * Typing on narrows the current matches instead of checking every
 * question again, and the matches of the last few queries are kept, so a
 * backspace returns to its earlier results without a pass. A change is
 * announced as one items-changed covering only the part that differs.
 *
 * Items are matched when the query or the list changes, not when a
 * question is edited (as with a filter model: an edited question stays
 * where it is until the next query).
 */
#include "config.h"

#include <string.h>

#include "ik-search-results.h"

#include "ik-search-model.h"
#include "ik-search-private.h"

/* Earlier queries kept per list: enough to backspace through a word. */
#define MAX_EARLIER 16

typedef struct
{
  IkSearchQuery *query;
  GArray        *positions;
} Earlier;

/* Some matches, as positions in the list searched: @n of them, item i at
 * @offset + @positions[i], or at @offset + i when @positions is NULL (every
 * item of a list that starts at @offset of the list searched). */
typedef struct
{
  GArray *positions;
  guint   n;
  guint   offset;
} Matches;

/* A change being announced in runs (announce_difference()). */
typedef struct
{
  GListModel    *old_model;
  const Matches *old;
  const Matches *new;
  guint          end_new;   /* the list: new[0, end_new) then */
  guint          end_old;   /* old[end_old, old->n) */
} Transition;

struct _IkSearchResults
{
  GObject        parent_instance;

  GListModel    *model;
  gulong         model_handler;
  gboolean       searches_library;  /* model is an IkSearchModel */
  IkSearchQuery *query;       /* as set; may be NULL or empty */
  GArray        *positions;   /* guint, ascending: the positions in the
                               * model of the matches; NULL when the
                               * query is empty and every item shows */
  GPtrArray     *earlier;     /* Earlier, the oldest first */
  Transition    *transition;  /* while a change is announced in runs */
};

static void
earlier_free (gpointer data)
{
  Earlier *earlier = data;

  ik_search_query_unref (earlier->query);
  g_array_unref (earlier->positions);
  g_free (earlier);
}

static GType
ik_search_results_get_item_type (GListModel *list)
{
  return IK_TYPE_QUESTION;
}

static guint
ik_search_results_get_n_items (GListModel *list)
{
  IkSearchResults *self = (IkSearchResults *) list;

  if (G_UNLIKELY (self->transition != NULL))
    return self->transition->end_new + self->transition->old->n - self->transition->end_old;
  if (self->positions != NULL)
    return self->positions->len;
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
transition_get_item (Transition *transition,
                     GListModel *model,
                     guint       position)
{
  const Matches *m = transition->new;

  if (position >= transition->end_new)
    {
      position = position - transition->end_new + transition->end_old;
      m = transition->old;
      model = transition->old_model;
      if (position >= m->n)
        return NULL;
    }
  return g_list_model_get_item (model, m->positions != NULL ? g_array_index (m->positions, guint, position) : position);
}

static gpointer
ik_search_results_get_item (GListModel *list,
                            guint       position)
{
  /* GTK asks for every item a change adds (100,000 when a search starts
   * at 10x the bench's library): no checked casts here. */
  IkSearchResults *self = (IkSearchResults *) list;

  if (G_UNLIKELY (self->transition != NULL))
    return transition_get_item (self->transition, self->model, position);
  if (self->model == NULL)
    return NULL;
  if (self->positions == NULL)
    return g_list_model_get_item (self->model, position);
  if (position >= self->positions->len)
    return NULL;
  position = g_array_index (self->positions, guint, position);
  if (self->searches_library)
    {
      guint n_items;
      IkQuestion **items = ik_search_model_peek_items_unchecked ((IkSearchModel *) self->model, &n_items);

      return position < n_items ? g_object_ref (items[position]) : NULL;
    }
  return g_list_model_get_item (self->model, position);
}

static void
ik_search_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ik_search_results_get_item_type;
  iface->get_n_items = ik_search_results_get_n_items;
  iface->get_item = ik_search_results_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (IkSearchResults, ik_search_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ik_search_results_list_model_init))

/* ---- Matching ----------------------------------------------------------- */

static gboolean
query_filters (IkSearchQuery *query)
{
  return query != NULL && !ik_search_query_is_empty (query);
}

static gboolean
item_matches (GListModel    *model,
              guint          position,
              IkSearchQuery *query)
{
  g_autoptr(IkQuestion) question = g_list_model_get_item (model, position);

  return question != NULL && ik_question_match (question, query);
}

/* A search of the whole library from a bank, or any short first word,
 * matches most of its questions: past this many candidates, the second
 * half is matched in a thread of its own beside the first (at 100,000
 * questions the scan was most of the first keystroke's time). */
#define PARALLEL_MIN_CANDIDATES 16384

typedef struct
{
  IkSearchModel *library;
  guint          n_items;
  GArray        *among;    /* nullable: every position */
  guint          from;     /* candidates [from, to) */
  guint          to;
  IkSearchQuery *query;
  guint         *out;      /* room for to - from */
  guint          found;
  gboolean       unfolded; /* a candidate's text was not folded yet */
} MatchPart;

static gpointer
match_part (gpointer data)
{
  MatchPart *part = data;

  for (guint i = part->from; i < part->to && !part->unfolded; i++)
    {
      guint position = part->among != NULL ? g_array_index (part->among, guint, i) : i;
      int matches;

      if (position >= part->n_items)
        continue;
      matches = ik_search_model_match_folded (part->library, position, part->query);
      if (matches < 0)
        part->unfolded = TRUE;
      else if (matches)
        part->out[part->found++] = position;
    }
  return NULL;
}

/* Matches @n candidates of @library on two threads, into @out, in order.
 * FALSE when a text was not folded yet (only the main thread folds) or no
 * thread could be made: then nothing is in @out. */
static gboolean
match_in_parallel (IkSearchModel *library,
                   guint          n_items,
                   GArray        *among,
                   guint          n,
                   IkSearchQuery *query,
                   guint         *out,
                   guint         *found)
{
  MatchPart first = { library, n_items, among, 0, n / 2, query, out, 0, FALSE };
  MatchPart second = { library, n_items, among, n / 2, n, query, out + n / 2, 0, FALSE };
  GThread *thread = g_thread_try_new ("ik-search", match_part, &second, NULL);

  if (thread == NULL)
    return FALSE;
  /* While the other thread reads, the model and its questions stay as
   * they are: this thread, the only one that changes them, is here. */
  match_part (&first);
  g_thread_join (thread);
  if (first.unfolded || second.unfolded)
    return FALSE;
  memmove (out + first.found, second.out, second.found * sizeof (guint));
  *found = first.found + second.found;
  return TRUE;
}

/* The positions in @model matching @query, among @among (all when NULL).
 * Every question of the library is matched from IkSearchModel's own
 * texts: no reference, type check or lookup per question. */
static GArray *
match (GListModel    *model,
       GArray        *among,
       IkSearchQuery *query)
{
  guint n = among != NULL ? among->len : g_list_model_get_n_items (model);
  GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  guint *out;
  guint found = 0;
  IkSearchModel *library = NULL;
  guint n_items = 0;

  /* Room for every match, trimmed at the end. */
  g_array_set_size (positions, n);
  out = (guint *) (void *) positions->data;
  if (IK_IS_SEARCH_MODEL (model))
    {
      library = (IkSearchModel *) model;
      n_items = g_list_model_get_n_items (model);
    }

  if (library != NULL && n >= PARALLEL_MIN_CANDIDATES &&
      match_in_parallel (library, n_items, among, n, query, out, &found))
    {
      g_array_set_size (positions, found);
      return positions;
    }

  for (guint i = 0; i < n; i++)
    {
      guint position = among != NULL ? g_array_index (among, guint, i) : i;
      gboolean matches;

      if (library != NULL)
        matches = position < n_items && ik_search_model_match_unchecked (library, position, query);
      else
        matches = item_matches (model, position, query);
      if (matches)
        out[found++] = position;
    }
  g_array_set_size (positions, found);
  return positions;
}

/* The matches of @query in the current model, from the fewest items that
 * are known to hold them all. */
static GArray *
find_matches (IkSearchResults *self,
              IkSearchQuery   *query)
{
  GArray *narrowest = NULL;

  for (guint i = self->earlier->len; i > 0; i--)
    {
      Earlier *earlier = g_ptr_array_index (self->earlier, i - 1);

      if (ik_search_query_equal (earlier->query, query))
        return g_array_copy (earlier->positions);
    }

  if (self->positions != NULL && ik_search_query_is_narrower (query, self->query))
    narrowest = self->positions;
  for (guint i = 0; i < self->earlier->len; i++)
    {
      Earlier *earlier = g_ptr_array_index (self->earlier, i);

      if ((narrowest == NULL || earlier->positions->len < narrowest->len) &&
          ik_search_query_is_narrower (query, earlier->query))
        narrowest = earlier->positions;
    }

  return match (self->model, narrowest, query);
}

static void
remember (IkSearchResults *self)
{
  Earlier *earlier;

  if (self->positions == NULL)
    return;
  for (guint i = 0; i < self->earlier->len; i++)
    {
      earlier = g_ptr_array_index (self->earlier, i);
      if (ik_search_query_equal (earlier->query, self->query))
        {
          g_ptr_array_remove_index (self->earlier, i);
          break;
        }
    }
  if (self->earlier->len == MAX_EARLIER)
    g_ptr_array_remove_index (self->earlier, 0);

  earlier = g_new0 (Earlier, 1);
  earlier->query = ik_search_query_ref (self->query);
  earlier->positions = g_array_ref (self->positions);
  g_ptr_array_add (self->earlier, earlier);
}

/* ---- Announcing changes ------------------------------------------------- */

static inline guint
matches_at (const Matches *m,
            guint          i)
{
  return m->offset + (m->positions != NULL ? g_array_index (m->positions, guint, i) : i);
}

/* A run of differences: at @position of the new list, @removed items of
 * the old one replaced by @added. */
typedef struct
{
  guint position;
  guint old_position;   /* where it starts in the old list */
  guint removed;
  guint added;
} Run;

/* Up to this many runs are announced one by one; the rest as one change.
 * GTK's list view keeps a row it tracks (the one scrolled to, the one
 * with the cursor, both near the top after a search) only when no change
 * removes it: otherwise it looks for it among every item the change adds,
 * a call and a lookup each (40 ms for the first keystroke at 100,000
 * questions). Separate runs keep the rows that stay; the last change
 * covers whatever differs after the first runs. Each change costs GTK
 * and the browser about a millisecond at 100,000 questions whatever its
 * size: with 8 runs the slowest keystroke took 43 ms there, with 3 it
 * took 28 ms (the same at 10,000 questions, within the noise). Starting
 * or ending a search from a bank needs 2. */
#define MAX_RUNS 3

/* The differences between @old and @new, ascending, as at most MAX_RUNS
 * runs: the last one covers everything from its start to the last
 * difference. Returns how many runs. */
static guint
find_runs (const Matches *old,
           const Matches *new,
           Run           *runs)
{
  guint i = 0;
  guint j = 0;
  guint n_runs = 0;
  guint last_old = 0;
  guint last_new = 0;

  /* The position of the last difference, from the end: everything after
   * it is the same. */
  {
    guint a = old->n;
    guint b = new->n;

    while (a > 0 && b > 0 && matches_at (old, a - 1) == matches_at (new, b - 1))
      a--, b--;
    last_old = a;
    last_new = b;
  }

  while (i < last_old || j < last_new)
    {
      Run *run;

      if (i < last_old && j < last_new && matches_at (old, i) == matches_at (new, j))
        {
          i++, j++;
          continue;
        }
      run = &runs[n_runs++];
      run->position = j;
      run->old_position = i;
      if (n_runs == MAX_RUNS)
        {
          run->removed = last_old - i;
          run->added = last_new - j;
          break;
        }
      run->removed = 0;
      run->added = 0;
      while ((i < last_old || j < last_new) &&
             !(i < last_old && j < last_new && matches_at (old, i) == matches_at (new, j)))
        {
          if (j >= last_new || (i < last_old && matches_at (old, i) < matches_at (new, j)))
            run->removed++, i++;
          else
            run->added++, j++;
        }
    }
  return n_runs;
}

/* Announces the change from @old, matches of @old_model, to @new, matches
 * of the list searched, which @old names in the same positions (the same
 * list, or the library and one of its banks at their offset). While the
 * runs are announced one by one, the list is what they have made of it so
 * far, as GListModel requires: the new matches up to the end of the last
 * run announced, then the old ones. */
static void
announce_difference (IkSearchResults *self,
                     GListModel      *old_model,
                     const Matches   *old,
                     const Matches   *new)
{
  Run runs[MAX_RUNS];
  guint n_runs = find_runs (old, new, runs);
  Transition transition = { old_model, old, new, 0, 0 };

  if (n_runs == 0)
    return;

  self->transition = &transition;
  for (guint r = 0; r < n_runs; r++)
    {
      transition.end_new = runs[r].position + runs[r].added;
      transition.end_old = runs[r].old_position + runs[r].removed;
      g_list_model_items_changed (G_LIST_MODEL (self), runs[r].position, runs[r].removed, runs[r].added);
    }
  self->transition = NULL;
}

/* ---- Following the model ------------------------------------------------ */

/* The first index of @positions holding a position ≥ @position. */
static guint
lower_bound (GArray *positions,
             guint   position)
{
  guint low = 0;
  guint high = positions->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (positions, guint, middle) < position)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
on_model_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  IkSearchResults *self)
{
  g_autoptr(GArray) found = NULL;
  guint first;
  guint after;

  if (self->positions == NULL)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* The earlier matches name positions that may have moved. */
  g_ptr_array_set_size (self->earlier, 0);

  first = lower_bound (self->positions, position);
  after = lower_bound (self->positions, position + removed);
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = position; i < position + added; i++)
    if (item_matches (model, i, self->query))
      g_array_append_val (found, i);

  for (guint i = after; i < self->positions->len; i++)
    g_array_index (self->positions, guint, i) = g_array_index (self->positions, guint, i) - removed + added;
  if (after > first)
    g_array_remove_range (self->positions, first, after - first);
  if (found->len > 0)
    g_array_insert_vals (self->positions, first, found->data, found->len);

  if (after > first || found->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, after - first, found->len);
}

/* ---- API ---------------------------------------------------------------- */

static void
ik_search_results_dispose (GObject *object)
{
  IkSearchResults *self = IK_SEARCH_RESULTS (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->model_handler, self->model);
  g_clear_object (&self->model);
  g_clear_pointer (&self->query, ik_search_query_unref);
  g_clear_pointer (&self->positions, g_array_unref);
  if (self->earlier != NULL)
    g_ptr_array_set_size (self->earlier, 0);

  G_OBJECT_CLASS (ik_search_results_parent_class)->dispose (object);
}

static void
ik_search_results_finalize (GObject *object)
{
  IkSearchResults *self = IK_SEARCH_RESULTS (object);

  g_ptr_array_unref (self->earlier);

  G_OBJECT_CLASS (ik_search_results_parent_class)->finalize (object);
}

static void
ik_search_results_class_init (IkSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ik_search_results_dispose;
  object_class->finalize = ik_search_results_finalize;
}

static void
ik_search_results_init (IkSearchResults *self)
{
  self->earlier = g_ptr_array_new_with_free_func (earlier_free);
}

/**
 * ik_search_results_new:
 *
 * Returns: (transfer full): results with no list and no query: empty
 */
IkSearchResults *
ik_search_results_new (void)
{
  return g_object_new (IK_TYPE_SEARCH_RESULTS, NULL);
}

/**
 * ik_search_results_set:
 * @model: (nullable): a list of #IkQuestion that keeps its items
 * @query: (nullable): the query; %NULL or an empty query shows every item
 *
 * Shows the questions of @model that match @query, announced as one
 * change. A new query on the same list is matched against the fewest
 * questions that can hold its results: the current ones when it narrows
 * the current query (typing on), or an earlier query's (a backspace).
 */
void
ik_search_results_set (IkSearchResults *self,
                       GListModel      *model,
                       IkSearchQuery   *query)
{
  gboolean same_model;
  g_autoptr(GListModel) old_model = NULL;
  g_autoptr(GArray) old_positions = NULL;
  GArray *new_positions = NULL;
  guint old_n;
  guint new_n;

  g_return_if_fail (IK_IS_SEARCH_RESULTS (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  same_model = model == self->model;
  if (same_model && self->query == query)
    return;
  if (same_model && self->query != NULL && query != NULL && ik_search_query_equal (self->query, query)
      && query_filters (query) == (self->positions != NULL))
    {
      ik_search_query_ref (query);
      g_clear_pointer (&self->query, ik_search_query_unref);
      self->query = query;
      return;
    }

  old_n = g_list_model_get_n_items (G_LIST_MODEL (self));
  if (same_model)
    remember (self);
  else
    {
      g_ptr_array_set_size (self->earlier, 0);
      if (self->model != NULL)
        g_clear_signal_handler (&self->model_handler, self->model);
      old_model = g_steal_pointer (&self->model);
      /* Positions in the old list: not candidates in the new one. */
      old_positions = g_steal_pointer (&self->positions);
      g_set_object (&self->model, model);
      self->searches_library = model != NULL && IK_IS_SEARCH_MODEL (model);
      if (model != NULL)
        self->model_handler = g_signal_connect (model, "items-changed",
                                                G_CALLBACK (on_model_changed), self);
    }

  if (self->model != NULL && query_filters (query))
    new_positions = find_matches (self, query);
  else
    /* Not searching: nothing to go back to. */
    g_ptr_array_set_size (self->earlier, 0);

  if (query != NULL)
    ik_search_query_ref (query);
  g_clear_pointer (&self->query, ik_search_query_unref);
  self->query = query;
  if (same_model)
    old_positions = g_steal_pointer (&self->positions);
  self->positions = new_positions;

  new_n = g_list_model_get_n_items (G_LIST_MODEL (self));
  {
    Matches old = { old_positions, old_n, 0 };
    Matches new = { new_positions, new_n, 0 };

    /* A bank's questions and the whole library's (starting a search from
     * a bank, or ending it): compared as positions in the library. */
    if (same_model ||
        (old_model != NULL && model != NULL &&
         ((IK_IS_SEARCH_MODEL (model) &&
           ik_search_model_find_list ((IkSearchModel *) model, old_model, &old.offset)) ||
          (IK_IS_SEARCH_MODEL (old_model) &&
           ik_search_model_find_list ((IkSearchModel *) old_model, model, &new.offset)))))
      announce_difference (self, same_model ? self->model : old_model, &old, &new);
    else if (old_n > 0 || new_n > 0)
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  }
}

/**
 * ik_search_results_set_model:
 * @model: (nullable): a list of #IkQuestion that keeps its items
 *
 * Searches @model with the current query.
 */
void
ik_search_results_set_model (IkSearchResults *self,
                             GListModel      *model)
{
  g_return_if_fail (IK_IS_SEARCH_RESULTS (self));

  ik_search_results_set (self, model, self->query);
}

/**
 * ik_search_results_set_query:
 * @query: (nullable): the query; %NULL or an empty query shows every item
 *
 * Searches the current list with @query.
 */
void
ik_search_results_set_query (IkSearchResults *self,
                             IkSearchQuery   *query)
{
  g_return_if_fail (IK_IS_SEARCH_RESULTS (self));

  ik_search_results_set (self, self->model, query);
}

/**
 * ik_search_results_get_model:
 *
 * Returns: (transfer none) (nullable): the list searched
 */
GListModel *
ik_search_results_get_model (IkSearchResults *self)
{
  g_return_val_if_fail (IK_IS_SEARCH_RESULTS (self), NULL);

  return self->model;
}

/**
 * ik_search_results_get_query:
 *
 * Returns: (transfer none) (nullable): the query
 */
IkSearchQuery *
ik_search_results_get_query (IkSearchResults *self)
{
  g_return_val_if_fail (IK_IS_SEARCH_RESULTS (self), NULL);

  return self->query;
}
