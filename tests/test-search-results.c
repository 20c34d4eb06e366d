/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The questions shown by the browser (IkSearchResults): a bank's questions
 * as they are, or the matches of a query among every bank's questions,
 * following the query and the list through every kind of change, and
 * announcing each change so that a view following the signals sees what
 * the model holds. */
#include "config.h"

#include <string.h>

#include "ik-search-results.h"
#include "ik-test-util.h"

static IkQuestion *
make_question (const char *text)
{
  IkQuestion *question = ik_question_new ();

  ik_question_set_text (question, text);
  return question;
}

/* What a view following items-changed believes the model holds. */
typedef struct
{
  GPtrArray *items;
  GPtrArray *removed;   /* every item a change took out, since cleared */
  guint      changes;
  guint      last_position;
  guint      last_removed;
  guint      last_added;
} Mirror;

static void
on_mirror_changed (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  for (guint i = 0; i < removed; i++)
    g_ptr_array_add (mirror->removed, g_object_ref (g_ptr_array_index (mirror->items, position + i)));
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    {
      IkQuestion *question = g_list_model_get_item (model, position + i);

      g_assert_nonnull (question);
      g_ptr_array_insert (mirror->items, position + i, question);
    }
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  mirror->changes++;
  mirror->last_position = position;
  mirror->last_removed = removed;
  mirror->last_added = added;
}

static void
mirror_follow (Mirror          *mirror,
               IkSearchResults *results)
{
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  mirror->removed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (results)); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (G_LIST_MODEL (results), i));
  g_signal_connect (results, "items-changed", G_CALLBACK (on_mirror_changed), mirror);
}

static void
mirror_clear (Mirror          *mirror,
              IkSearchResults *results)
{
  g_signal_handlers_disconnect_by_data (results, mirror);
  g_ptr_array_unref (mirror->items);
  g_ptr_array_unref (mirror->removed);
}

/* No change since the last call took out an item that the list still
 * holds: a view keeps the rows of the items that stay. */
static void
assert_kept_rows (Mirror *mirror)
{
  for (guint i = 0; i < mirror->removed->len; i++)
    g_assert_false (g_ptr_array_find (mirror->items, g_ptr_array_index (mirror->removed, i), NULL));
  g_ptr_array_set_size (mirror->removed, 0);
}

/* The results hold exactly the questions of @model matching @query (all
 * of them for an empty query), in the model's order, and the mirror
 * agrees. */
static void
assert_results (IkSearchResults *results,
                GListModel      *model,
                IkSearchQuery   *query,
                Mirror          *mirror)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (model, i);
      g_autoptr(IkQuestion) item = NULL;

      if (query != NULL && !ik_search_query_is_empty (query) && !ik_question_match (question, query))
        continue;
      item = g_list_model_get_item (G_LIST_MODEL (results), found);
      g_assert_true (item == question);
      if (mirror != NULL)
        g_assert_true (g_ptr_array_index (mirror->items, found) == question);
      found++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, found);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (results), found));
  if (mirror != NULL)
    g_assert_cmpuint (mirror->items->len, ==, found);
}

static GListStore *
make_store (const char * const *texts)
{
  GListStore *store = g_list_store_new (IK_TYPE_QUESTION);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(IkQuestion) question = make_question (texts[i]);

      g_list_store_append (store, question);
    }
  return store;
}

static void
test_empty (void)
{
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkSearchQuery) query = ik_search_query_new ("apple", NULL, NULL);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (results)) == IK_TYPE_QUESTION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  ik_search_results_set_query (results, query);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (results), 0));
  g_assert_null (ik_search_results_get_model (results));
  g_assert_true (ik_search_results_get_query (results) == query);
}

/* Without a query every question shows, and changes pass through as the
 * list announced them. */
static void
test_every_item (void)
{
  const char * const texts[] = { "one", "two", "three", NULL };
  g_autoptr(GListStore) store = make_store (texts);
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkQuestion) extra = make_question ("extra");
  Mirror mirror = { 0 };

  mirror_follow (&mirror, results);
  ik_search_results_set_model (results, G_LIST_MODEL (store));
  g_assert_cmpuint (mirror.changes, ==, 1);
  assert_results (results, G_LIST_MODEL (store), NULL, &mirror);

  g_list_store_insert (store, 1, extra);
  g_assert_cmpuint (mirror.changes, ==, 2);
  g_assert_cmpuint (mirror.last_position, ==, 1);
  g_assert_cmpuint (mirror.last_removed, ==, 0);
  g_assert_cmpuint (mirror.last_added, ==, 1);
  g_list_store_remove (store, 0);
  assert_results (results, G_LIST_MODEL (store), NULL, &mirror);

  ik_search_results_set_model (results, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  assert_results (results, NULL, NULL, &mirror);

  mirror_clear (&mirror, results);
  /* The results let go of the list. */
  g_assert_finalize_object (g_steal_pointer (&results));
}

/* A query shows its matches; typing on and backspacing announce only the
 * part of the list that changed. */
static void
test_query (void)
{
  const char * const texts[] = {
    "apple pie", "banana", "apple tart", "cherry", "apricot", "apple crumble", NULL
  };
  g_autoptr(GListStore) store = make_store (texts);
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkSearchQuery) ap = ik_search_query_new ("ap", NULL, NULL);
  g_autoptr(IkSearchQuery) app = ik_search_query_new ("app", NULL, NULL);
  g_autoptr(IkSearchQuery) apple_t = ik_search_query_new ("apple t", NULL, NULL);
  g_autoptr(IkSearchQuery) ap_again = ik_search_query_new ("ap", NULL, NULL);
  Mirror mirror = { 0 };

  ik_search_results_set_model (results, G_LIST_MODEL (store));
  mirror_follow (&mirror, results);

  /* "banana" and "cherry" go, each in a change of its own: the items
   * that stay are never taken out and put back. */
  ik_search_results_set_query (results, ap);
  assert_results (results, G_LIST_MODEL (store), ap, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 4);
  g_assert_cmpuint (mirror.changes, ==, 2);
  assert_kept_rows (&mirror);

  /* "app" drops only "apricot", the third of four: one change there. */
  ik_search_results_set_query (results, app);
  assert_results (results, G_LIST_MODEL (store), app, &mirror);
  g_assert_cmpuint (mirror.changes, ==, 3);
  g_assert_cmpuint (mirror.last_position, ==, 2);
  g_assert_cmpuint (mirror.last_removed, ==, 1);
  g_assert_cmpuint (mirror.last_added, ==, 0);
  assert_kept_rows (&mirror);

  ik_search_results_set_query (results, apple_t);
  assert_results (results, G_LIST_MODEL (store), apple_t, &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);
  assert_kept_rows (&mirror);

  /* Backspacing to "ap": the earlier results, the same list; "apple
   * tart" stays where it is. */
  ik_search_results_set_query (results, ap_again);
  assert_results (results, G_LIST_MODEL (store), ap_again, &mirror);
  assert_kept_rows (&mirror);

  /* The same query again is no change. */
  {
    guint changes = mirror.changes;

    ik_search_results_set_query (results, ap);
    g_assert_cmpuint (mirror.changes, ==, changes);
  }

  /* Clearing the query shows everything again. */
  ik_search_results_set_query (results, NULL);
  assert_results (results, G_LIST_MODEL (store), NULL, &mirror);

  mirror_clear (&mirror, results);
}

/* Searching every bank starts in one change: the list and the query are
 * set together, so the view never sees every question of the library
 * before the matches. */
static void
test_set_both (void)
{
  const char * const bank_texts[] = { "alpha one", "alpha two", NULL };
  const char * const all_texts[] = { "alpha one", "beta", "alpha two", "gamma alpha", NULL };
  g_autoptr(GListStore) bank = make_store (bank_texts);
  g_autoptr(GListStore) all = make_store (all_texts);
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkSearchQuery) gamma = ik_search_query_new ("gamma", NULL, NULL);
  g_autoptr(IkSearchQuery) empty = ik_search_query_new ("", NULL, NULL);
  Mirror mirror = { 0 };

  ik_search_results_set (results, G_LIST_MODEL (bank), empty);
  mirror_follow (&mirror, results);
  ik_search_results_set (results, G_LIST_MODEL (all), gamma);
  g_assert_cmpuint (mirror.changes, ==, 1);
  g_assert_cmpuint (mirror.last_position, ==, 0);
  g_assert_cmpuint (mirror.last_removed, ==, 2);
  g_assert_cmpuint (mirror.last_added, ==, 1);
  assert_results (results, G_LIST_MODEL (all), gamma, &mirror);

  /* The old list is no longer followed. */
  g_list_store_remove (bank, 0);
  g_assert_cmpuint (mirror.changes, ==, 1);

  ik_search_results_set (results, G_LIST_MODEL (bank), empty);
  g_assert_cmpuint (mirror.changes, ==, 2);
  assert_results (results, G_LIST_MODEL (bank), NULL, &mirror);
  mirror_clear (&mirror, results);
}

/* Starting a search from a bank and ending it keep the rows of the
 * bank's questions that stay: the change is announced as questions added
 * and removed around them, as positions of the library (GTK's list view
 * otherwise looks for a row it tracks among every question added: 100,000
 * of them when a search of a big library starts). A change in more places
 * than are announced one by one ends in one change for the rest. */
static void
test_kept_rows (void)
{
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkSearchModel) all = NULL;
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkSearchQuery) every = ik_search_query_new ("question", NULL, NULL);
  g_autoptr(IkSearchQuery) even = ik_search_query_new ("even", NULL, NULL);
  g_autoptr(IkSearchQuery) empty = ik_search_query_new ("", NULL, NULL);
  g_autoptr(IkBank) middle = NULL;
  GListModel *middle_questions;
  Mirror mirror = { 0 };

  for (guint b = 0; b < 3; b++)
    {
      g_autoptr(IkBank) bank = ik_bank_new ("Bank");

      for (guint q = 0; q < 40; q++)
        {
          g_autofree char *text = g_strdup_printf ("question %u %s", b * 40 + q, q % 2 == 0 ? "even" : "odd");
          g_autoptr(IkQuestion) question = make_question (text);

          g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
        }
      g_list_store_append (banks, bank);
    }
  all = ik_search_model_new (G_LIST_MODEL (banks));
  middle = g_list_model_get_item (G_LIST_MODEL (banks), 1);
  middle_questions = ik_bank_get_questions (middle);

  ik_search_results_set (results, middle_questions, empty);
  mirror_follow (&mirror, results);

  /* Every question matches: only additions, before and after the bank. */
  ik_search_results_set (results, G_LIST_MODEL (all), every);
  assert_results (results, G_LIST_MODEL (all), every, &mirror);
  g_assert_cmpuint (mirror.changes, ==, 2);
  g_assert_cmpuint (mirror.removed->len, ==, 0);

  /* Back to the bank: only removals. */
  ik_search_results_set (results, middle_questions, empty);
  assert_results (results, middle_questions, NULL, &mirror);
  g_assert_cmpuint (mirror.changes, ==, 4);
  assert_kept_rows (&mirror);

  /* Half of the questions: 60 places differ. The first ones are announced
   * one by one, the rest in one change. */
  ik_search_results_set (results, G_LIST_MODEL (all), even);
  assert_results (results, G_LIST_MODEL (all), even, &mirror);
  g_assert_cmpuint (mirror.changes, >, 5);
  g_assert_cmpuint (mirror.changes, <=, 4 + 3);
  {
    /* The first even questions of the middle bank stay in their rows. */
    g_autoptr(IkQuestion) first = g_list_model_get_item (middle_questions, 0);

    g_assert_false (g_ptr_array_find (mirror.removed, first, NULL));
  }
  g_ptr_array_set_size (mirror.removed, 0);

  ik_search_results_set (results, middle_questions, even);
  assert_results (results, middle_questions, even, &mirror);

  mirror_clear (&mirror, results);
  g_assert_finalize_object (g_steal_pointer (&results));
}

/* Questions added to and removed from the list while a query is set
 * appear and disappear at their places. */
static void
test_list_changes (void)
{
  const char * const texts[] = { "red", "blue", "red green", "yellow", "red blue", NULL };
  g_autoptr(GListStore) store = make_store (texts);
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkSearchQuery) red = ik_search_query_new ("red", NULL, NULL);
  g_autoptr(IkQuestion) red_new = make_question ("new red");
  g_autoptr(IkQuestion) other = make_question ("other");
  Mirror mirror = { 0 };

  ik_search_results_set (results, G_LIST_MODEL (store), red);
  mirror_follow (&mirror, results);

  /* Before "yellow": after the second match. */
  g_list_store_insert (store, 3, red_new);
  g_assert_cmpuint (mirror.last_position, ==, 2);
  g_assert_cmpuint (mirror.last_added, ==, 1);
  assert_results (results, G_LIST_MODEL (store), red, &mirror);

  /* A question that does not match changes nothing shown. */
  g_list_store_insert (store, 0, other);
  g_assert_cmpuint (mirror.changes, ==, 1);
  assert_results (results, G_LIST_MODEL (store), red, &mirror);

  /* Removing a range with two matches in it. */
  g_list_store_splice (store, 2, 3, NULL, 0);
  assert_results (results, G_LIST_MODEL (store), red, &mirror);
  g_assert_cmpuint (mirror.last_removed, ==, 2);

  mirror_clear (&mirror, results);
}

/* Random queries (typed on, backspaced, replaced, filtered) and random
 * changes to the banks of an IkSearchModel, checked against a fresh match
 * of every question after each step. */
static void
test_random (void)
{
  static const char * const words[] = { "risk", "model", "data", "red", "team", "poison", NULL };
  static const char * const typed[] = {
    "r", "ri", "ris", "risk", "risk m", "risk mo", "risk mod", "risk mo", "risk m", "risk",
    "d", "da", "dat", "data", "data t", "data te", "data", "", "te", "tea", "team", "poi", NULL
  };
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkSearchModel) all = NULL;
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(IkSearchQuery) query = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  Mirror mirror = { 0 };
  guint made = 0;

  for (guint b = 0; b < 4; b++)
    {
      g_autoptr(IkBank) bank = ik_bank_new ("Bank");

      g_list_store_append (banks, bank);
    }
  all = ik_search_model_new (G_LIST_MODEL (banks));
  mirror_follow (&mirror, results);
  ik_search_results_set_model (results, G_LIST_MODEL (all));

  for (guint step = 0; step < 3000; step++)
    {
      guint n_banks = g_list_model_get_n_items (G_LIST_MODEL (banks));
      g_autoptr(IkBank) bank = g_list_model_get_item (G_LIST_MODEL (banks), g_rand_int_range (rand, 0, n_banks));
      GListStore *questions = G_LIST_STORE (ik_bank_get_questions (bank));
      guint n = g_list_model_get_n_items (G_LIST_MODEL (questions));
      int what = g_rand_int_range (rand, 0, 10);

      if (what < 4)
        {
          /* Typing: the next query of a sequence, or a jump. */
          const char *text = typed[g_rand_int_range (rand, 0, G_N_ELEMENTS (typed) - 1)];
          const char *competency = g_rand_int_range (rand, 0, 6) == 0 ? "judgement" : NULL;

          g_clear_pointer (&query, ik_search_query_unref);
          query = ik_search_query_new (text, competency, NULL);
          ik_search_results_set_query (results, query);
        }
      else if (what < 7)
        {
          /* Questions added: one, or several at once. */
          guint count = g_rand_int_range (rand, 1, 4);
          g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < count; i++)
            {
              g_autofree char *text = g_strdup_printf ("%s %s %u",
                                                       words[g_rand_int_range (rand, 0, 6)],
                                                       words[g_rand_int_range (rand, 0, 6)], made++);
              IkQuestion *question = make_question (text);
              const char * const competencies[] = { "judgement", NULL };

              if (g_rand_boolean (rand))
                ik_question_set_competencies (question, competencies);
              g_ptr_array_add (added, question);
            }
          g_list_store_splice (questions, g_rand_int_range (rand, 0, n + 1), 0,
                               added->pdata, added->len);
        }
      else if (what == 7 && n > 0 && g_rand_boolean (rand))
        {
          /* A question edited: matched by its new text from the next
           * search on (the earlier results are forgotten with the query). */
          g_autoptr(IkQuestion) question = g_list_model_get_item (G_LIST_MODEL (questions),
                                                                  g_rand_int_range (rand, 0, n));
          g_autofree char *text = g_strdup_printf ("%s %s %u",
                                                   words[g_rand_int_range (rand, 0, 6)],
                                                   words[g_rand_int_range (rand, 0, 6)], made++);

          ik_question_set_text (question, text);
          ik_search_results_set_query (results, NULL);
          ik_search_results_set_query (results, query);
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              guint position = 0;

              /* Reclaims the space of the replaced texts. */
              while (ik_search_model_warm (all, &position, 7))
                ;
            }
        }
      else if (what == 7)
        {
          /* A search from a bank, and back to the library. */
          ik_search_results_set (results, G_LIST_MODEL (questions), query);
          assert_results (results, G_LIST_MODEL (questions), query, &mirror);
          ik_search_results_set (results, G_LIST_MODEL (all), query);
        }
      else if (what < 9 && n > 0)
        {
          guint position = g_rand_int_range (rand, 0, n);
          guint count = g_rand_int_range (rand, 1, 3);

          g_list_store_splice (questions, position, MIN (n - position, count), NULL, 0);
        }
      else if (n_banks > 1)
        {
          /* A bank moved to the end: its questions leave and come back. */
          guint position = g_rand_int_range (rand, 0, n_banks);
          g_autoptr(IkBank) moved = g_list_model_get_item (G_LIST_MODEL (banks), position);

          g_list_store_remove (banks, position);
          g_list_store_append (banks, moved);
        }

      assert_results (results, G_LIST_MODEL (all), query, &mirror);
    }
  g_assert_cmpuint (made, >, 500);

  mirror_clear (&mirror, results);
  g_assert_finalize_object (g_steal_pointer (&results));
}

/* A library past PARALLEL_MIN_CANDIDATES (16,384): the scan of a search
 * from a bank is split over two threads once every text is folded, and
 * done on this one while some are not. Either way the results are those
 * of ik_question_match(), in order. */
static void
check_results_match (IkSearchResults *results,
                     IkSearchModel   *all,
                     IkSearchQuery   *query)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (all));
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (G_LIST_MODEL (all), i);

      if (ik_question_match (question, query))
        {
          g_autoptr(IkQuestion) result = g_list_model_get_item (G_LIST_MODEL (results), found);

          g_assert_true (result == question);
          found++;
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, found);
}

static void
test_large_parallel (void)
{
  static const char * const words[] = { "risk", "model", "data", "red", "team", "poison", "zebra" };
  static const char * const typed[] = { "r", "ri", "risk", "risk d", "d", "team", "zebra", "e" };
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkSearchModel) all = NULL;
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(IkQuestion) edited = NULL;
  guint position = 0;

  for (guint b = 0; b < 20; b++)
    {
      g_autoptr(IkBank) bank = ik_bank_new ("Bank");

      for (guint i = 0; i < 1000; i++)
        {
          g_autofree char *text = g_strdup_printf ("%s %s %u", words[g_rand_int_range (rand, 0, 6)],
                                                   words[g_rand_int_range (rand, 0, 6)], b * 1000 + i);
          g_autoptr(IkQuestion) question = make_question (text);

          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              const char * const competencies[] = { "judgement", NULL };

              ik_question_set_competencies (question, competencies);
            }
          g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
        }
      g_list_store_append (banks, bank);
    }
  all = ik_search_model_new (G_LIST_MODEL (banks));
  ik_search_results_set_model (results, G_LIST_MODEL (all));

  /* Nothing folded yet: on this thread, folding as it goes. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(IkSearchQuery) query = ik_search_query_new (typed[i], NULL, NULL);

      ik_search_results_set_query (results, query);
      check_results_match (results, all, query);
    }

  /* Every text folded: on two threads, also narrowing from earlier
   * results and with a competency. */
  ik_search_results_set_query (results, NULL);
  while (ik_search_model_warm (all, &position, 5000))
    ;
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(IkSearchQuery) query = ik_search_query_new (typed[i], i % 3 == 0 ? "judgement" : NULL, NULL);

      ik_search_results_set_query (results, query);
      check_results_match (results, all, query);
    }

  /* One text refolded later (an edit near the end): the search that
   * meets it goes on this thread, and finds the edit. */
  ik_search_results_set_query (results, NULL);
  edited = g_list_model_get_item (G_LIST_MODEL (all), 19990);
  ik_question_set_text (edited, "a zebra among the risks");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(IkSearchQuery) query = ik_search_query_new (typed[i], NULL, NULL);

      ik_search_results_set_query (results, query);
      check_results_match (results, all, query);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search-results/empty", test_empty);
  g_test_add_func ("/search-results/every-item", test_every_item);
  g_test_add_func ("/search-results/query", test_query);
  g_test_add_func ("/search-results/set-both", test_set_both);
  g_test_add_func ("/search-results/kept-rows", test_kept_rows);
  g_test_add_func ("/search-results/list-changes", test_list_changes);
  g_test_add_func ("/search-results/random", test_random);
  g_test_add_func ("/search-results/large-parallel", test_large_parallel);

  return g_test_run ();
}
