/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding questions: matching rules, highlight ranges, filters, the cache
 * of folded text, and the flattened list of every bank's questions. */
#include "config.h"

#include <string.h>

#include "ik-search.h"
#include "ik-test-util.h"

static IkQuestion *
make_question (const char         *text,
               const char * const *areas,
               const char * const *follow_ups)
{
  IkQuestion *question = ik_question_new ();

  ik_question_set_text (question, text);
  if (areas != NULL)
    ik_question_set_areas (question, areas);
  if (follow_ups != NULL)
    ik_question_set_follow_ups (question, follow_ups);
  return question;
}

static gboolean
matches (IkQuestion *question,
         const char *text,
         const char *competency,
         const char *tag)
{
  g_autoptr(IkSearchQuery) query = ik_search_query_new (text, competency, tag);

  return ik_question_match (question, query);
}

static void
test_words (void)
{
  const char *areas[] = { "Threat modelling of the pipeline", NULL };
  const char *follow_ups[] = { "Who reviewed the prompt filters?", NULL };
  g_autoptr(IkQuestion) question = make_question ("Tell me about a model you secured", areas, follow_ups);

  /* Empty queries match everything. */
  g_assert_true (matches (question, NULL, NULL, NULL));
  g_assert_true (matches (question, "", NULL, NULL));
  g_assert_true (matches (question, "   \t ", NULL, NULL));

  /* Case-insensitive, substrings, every field. */
  g_assert_true (matches (question, "SECURED", NULL, NULL));
  g_assert_true (matches (question, "secu", NULL, NULL));
  g_assert_true (matches (question, "pipeline", NULL, NULL));
  g_assert_true (matches (question, "REVIEWED", NULL, NULL));
  g_assert_false (matches (question, "kubernetes", NULL, NULL));

  /* Every word must appear, but anywhere. */
  g_assert_true (matches (question, "model filters", NULL, NULL));
  g_assert_true (matches (question, "  filters    model ", NULL, NULL));
  g_assert_false (matches (question, "model kubernetes", NULL, NULL));

  /* Words may come from different fields, but a word never spans two. */
  g_assert_true (matches (question, "secured threat", NULL, NULL));
  g_assert_false (matches (question, "securedthreat", NULL, NULL));
  g_assert_false (matches (question, "pipelinewho", NULL, NULL));
}

static void
test_accents (void)
{
  g_autoptr(IkQuestion) question = make_question ("Describe a Café rollout at the Straße office", NULL, NULL);
  g_autoptr(IkQuestion) plain = make_question ("A resume of the cafe", NULL, NULL);
  g_autofree char *folded = ik_search_fold ("ÉCOLE Ångström");

  g_assert_cmpstr (folded, ==, "ecole angstrom");
  g_assert_true (matches (question, "cafe", NULL, NULL));
  g_assert_true (matches (question, "CAFÉ", NULL, NULL));
  g_assert_true (matches (question, "strasse", NULL, NULL));
  g_assert_true (matches (plain, "résumé", NULL, NULL));
  g_assert_true (matches (plain, "CAFÉ", NULL, NULL));
  /* Decomposed input (e + combining acute) is the same word. */
  g_assert_true (matches (question, "cafe\xcc\x81", NULL, NULL));
}

static void
test_filters (void)
{
  const char *competencies[] = { "ai-security", "communication", NULL };
  const char *tags[] = { "Threat-Modelling", "senior", NULL };
  g_autoptr(IkQuestion) question = make_question ("How did you threat-model a RAG system?", NULL, NULL);
  g_autoptr(IkSearchQuery) empty = ik_search_query_new ("", NULL, "");
  g_autoptr(IkSearchQuery) filter = ik_search_query_new (NULL, "ai-security", NULL);

  ik_question_set_competencies (question, competencies);
  ik_question_set_tags (question, tags);

  g_assert_true (ik_search_query_is_empty (empty));
  g_assert_false (ik_search_query_is_empty (filter));
  g_assert_false (ik_search_query_has_words (filter));

  g_assert_true (matches (question, NULL, "ai-security", NULL));
  g_assert_true (matches (question, NULL, "communication", NULL));
  g_assert_false (matches (question, NULL, "leadership", NULL));
  /* Competency ids are ids: exact. */
  g_assert_false (matches (question, NULL, "AI-Security", NULL));

  /* Tags compare without case. */
  g_assert_true (matches (question, NULL, NULL, "threat-modelling"));
  g_assert_true (matches (question, NULL, NULL, "SENIOR"));
  g_assert_false (matches (question, NULL, NULL, "junior"));
  g_assert_false (matches (question, NULL, NULL, "threat"));

  /* Words and both filters together. */
  g_assert_true (matches (question, "rag", "ai-security", "senior"));
  g_assert_false (matches (question, "rag", "ai-security", "junior"));
  g_assert_false (matches (question, "rag", "leadership", "senior"));
  g_assert_false (matches (question, "kubernetes", "ai-security", "senior"));
}

static void
assert_ranges (const char *query_text,
               const char *text,
               const char *expected)
{
  g_autoptr(IkSearchQuery) query = ik_search_query_new (query_text, NULL, NULL);
  g_autoptr(GArray) ranges = ik_search_find_ranges (query, text);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < ranges->len; i++)
    {
      IkSearchRange *r = &g_array_index (ranges, IkSearchRange, i);

      g_assert_cmpuint (r->start, <, r->end);
      g_assert_cmpuint (r->end, <=, strlen (text));
      /* Ranges fall on character boundaries of the original. */
      g_assert_true (g_utf8_validate (text + r->start, r->end - r->start, NULL));
      if (got->len > 0)
        g_string_append_c (got, '|');
      g_string_append_len (got, text + r->start, r->end - r->start);
    }
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_ranges (void)
{
  assert_ranges ("model", "A Model of models", "Model|model");
  assert_ranges ("mod els", "A Model of models", "Mod|models");
  assert_ranges ("mod of", "A Model of models", "Mod|of|mod");
  /* Overlapping and touching words merge. */
  assert_ranges ("abc bcd", "xabcdx", "abcd");
  assert_ranges ("ab cd", "abcd", "abcd");
  /* Accents: the range covers the original characters. */
  assert_ranges ("cafe", "Un CAFÉ, s’il vous plaît", "CAFÉ");
  assert_ranges ("strasse", "Die Straße", "Straße");
  assert_ranges ("ss", "Straße", "ß");
  assert_ranges ("nothing", "Some text", "");
  assert_ranges ("", "Some text", "");
}

static void
test_markup (void)
{
  g_autoptr(IkSearchQuery) query = ik_search_query_new ("tag", NULL, NULL);
  g_autoptr(IkSearchQuery) empty = ik_search_query_new (NULL, NULL, NULL);
  g_autofree char *markup = ik_search_highlight_markup (query, "A <tag> & TAGS", NULL, NULL);
  g_autofree char *custom = ik_search_highlight_markup (query, "tag", "<span weight=\"bold\">", "</span>");
  g_autofree char *plain = ik_search_highlight_markup (empty, "a < b", NULL, NULL);

  g_assert_cmpstr (markup, ==, "A &lt;<b>tag</b>&gt; &amp; <b>TAG</b>S");
  g_assert_cmpstr (custom, ==, "<span weight=\"bold\">tag</span>");
  g_assert_cmpstr (plain, ==, "a &lt; b");
}

static void
test_matching_line (void)
{
  const char *areas[] = { "Scope of access", "Rotation of credentials", NULL };
  const char *follow_ups[] = { "What would you automate?", NULL };
  g_autoptr(IkQuestion) question = make_question ("Walk me through a secrets incident", areas, follow_ups);
  g_autoptr(IkSearchQuery) in_text = ik_search_query_new ("secrets", NULL, NULL);
  g_autoptr(IkSearchQuery) in_area = ik_search_query_new ("secrets rotation", NULL, NULL);
  g_autoptr(IkSearchQuery) in_follow_up = ik_search_query_new ("AUTOMATE", NULL, NULL);

  g_assert_null (ik_search_first_matching_line (in_text, question));
  g_assert_cmpstr (ik_search_first_matching_line (in_area, question), ==, "Rotation of credentials");
  g_assert_cmpstr (ik_search_first_matching_line (in_follow_up, question), ==, "What would you automate?");
}

static void
test_cache_invalidation (void)
{
  const char *areas[] = { "Incident response", NULL };
  const char *new_areas[] = { "Vendor review", NULL };
  const char *follow_ups[] = { "What changed afterwards?", NULL };
  g_autoptr(IkQuestion) question = make_question ("Describe an outage", areas, NULL);

  /* Fill the cache, then edit every searchable field. */
  g_assert_true (matches (question, "outage", NULL, NULL));
  g_assert_true (matches (question, "incident", NULL, NULL));

  ik_question_set_text (question, "Describe a migration");
  g_assert_false (matches (question, "outage", NULL, NULL));
  g_assert_true (matches (question, "migration", NULL, NULL));

  ik_question_set_areas (question, new_areas);
  g_assert_false (matches (question, "incident", NULL, NULL));
  g_assert_true (matches (question, "vendor", NULL, NULL));

  g_assert_false (matches (question, "afterwards", NULL, NULL));
  ik_question_set_follow_ups (question, follow_ups);
  g_assert_true (matches (question, "afterwards", NULL, NULL));
}

static void
test_query_equal (void)
{
  g_autoptr(IkSearchQuery) a = ik_search_query_new ("Model  threat", "x", "Senior");
  g_autoptr(IkSearchQuery) b = ik_search_query_new ("threat MODEL", "x", "senior");
  g_autoptr(IkSearchQuery) c = ik_search_query_new ("threat model", NULL, "senior");

  g_assert_true (ik_search_query_equal (a, b));
  g_assert_false (ik_search_query_equal (a, c));
  g_assert_cmpstr (ik_search_query_get_tag (a), ==, "senior");
  g_assert_cmpstr (ik_search_query_get_competency (a), ==, "x");
}

static gboolean
narrower (const char *text,
          const char *competency,
          const char *than_text,
          const char *than_competency)
{
  g_autoptr(IkSearchQuery) query = ik_search_query_new (text, competency, NULL);
  g_autoptr(IkSearchQuery) than = ik_search_query_new (than_text, than_competency, NULL);

  return ik_search_query_is_narrower (query, than);
}

static void
test_narrower (void)
{
  /* Typing on narrows; deleting or replacing does not. */
  g_assert_true (narrower ("inc", NULL, "in", NULL));
  g_assert_true (narrower ("incident", NULL, "", NULL));
  g_assert_true (narrower ("incident 4", NULL, "incident", NULL));
  g_assert_true (narrower ("rag model", NULL, "model", NULL));
  g_assert_false (narrower ("in", NULL, "inc", NULL));
  g_assert_false (narrower ("", NULL, "a", NULL));
  g_assert_false (narrower ("cat", NULL, "dog", NULL));
  g_assert_false (narrower ("incident", NULL, "incident 4", NULL));
  /* Adding a filter narrows; dropping or changing one does not. */
  g_assert_true (narrower ("x", "ownership", "x", NULL));
  g_assert_false (narrower ("x", NULL, "x", "ownership"));
  g_assert_false (narrower ("x", "ownership", "x", "security"));
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} ChangeLog;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ChangeLog  *log)
{
  log->position = position;
  log->removed = removed;
  log->added = added;
  log->count++;
}

static IkBank *
make_bank (const char *title,
           guint       n_questions)
{
  IkBank *bank = ik_bank_new (title);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s question %u", title, i);
      g_autoptr(IkQuestion) question = make_question (text, NULL, NULL);

      g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
    }
  return bank;
}

static void
assert_item_text (GListModel *model,
                  guint       position,
                  const char *text)
{
  g_autoptr(IkQuestion) question = g_list_model_get_item (model, position);

  g_assert_nonnull (question);
  g_assert_cmpstr (ik_question_get_text (question), ==, text);
}

static void
test_model (void)
{
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkBank) alpha = make_bank ("Alpha", 2);
  g_autoptr(IkBank) beta = make_bank ("Beta", 3);
  g_autoptr(IkBank) gamma = make_bank ("Gamma", 1);
  g_autoptr(IkSearchModel) model = NULL;
  g_autoptr(IkQuestion) extra = make_question ("Beta extra", NULL, NULL);
  g_autoptr(IkQuestion) first_beta = NULL;
  ChangeLog log = { 0 };

  g_list_store_append (banks, alpha);
  g_list_store_append (banks, beta);
  model = ik_search_model_new (G_LIST_MODEL (banks));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &log);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == IK_TYPE_QUESTION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  assert_item_text (G_LIST_MODEL (model), 0, "Alpha question 0");
  assert_item_text (G_LIST_MODEL (model), 2, "Beta question 0");
  assert_item_text (G_LIST_MODEL (model), 4, "Beta question 2");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 5));

  first_beta = g_list_model_get_item (G_LIST_MODEL (model), 2);
  g_assert_true (ik_search_model_get_bank (model, first_beta) == beta);

  /* A question added to a bank appears at its place in the flat list. */
  g_list_store_insert (G_LIST_STORE (ik_bank_get_questions (beta)), 1, extra);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpuint (log.position, ==, 3);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 1);
  assert_item_text (G_LIST_MODEL (model), 3, "Beta extra");
  g_assert_true (ik_search_model_get_bank (model, extra) == beta);

  /* A new bank's questions appear; a removed bank's disappear. */
  g_list_store_insert (banks, 0, gamma);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.added, ==, 1);
  assert_item_text (G_LIST_MODEL (model), 0, "Gamma question 0");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);

  g_list_store_remove (banks, 2);
  g_assert_cmpuint (log.position, ==, 3);
  g_assert_cmpuint (log.removed, ==, 4);
  g_assert_cmpuint (log.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_null (ik_search_model_get_bank (model, extra));

  /* A removed question is forgotten. */
  g_list_store_remove (G_LIST_STORE (ik_bank_get_questions (alpha)), 0);
  g_assert_cmpuint (log.position, ==, 1);
  g_assert_cmpuint (log.removed, ==, 1);
  assert_item_text (G_LIST_MODEL (model), 1, "Alpha question 1");

  g_signal_handlers_disconnect_by_data (model, &log);
  g_assert_finalize_object (g_steal_pointer (&model));
}

/* Every item of the model is the question found by walking the banks, as
 * many kinds of change go by: questions added, removed and replaced in a
 * bank (also several at once), banks added, removed and replaced, a bank
 * emptied. The model's index of items must follow each of them. */
static void
assert_model_follows_banks (IkSearchModel *model,
                            GListModel    *banks)
{
  guint position = 0;

  for (guint b = 0; b < g_list_model_get_n_items (banks); b++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, b);
      GListModel *questions = ik_bank_get_questions (bank);

      for (guint i = 0; i < g_list_model_get_n_items (questions); i++, position++)
        {
          g_autoptr(IkQuestion) expected = g_list_model_get_item (questions, i);
          g_autoptr(IkQuestion) item = g_list_model_get_item (G_LIST_MODEL (model), position);

          g_assert_true (item == expected);
          g_assert_true (ik_search_model_get_bank (model, item) == bank);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, position);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), position));
}

static void
test_model_index (void)
{
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkSearchModel) model = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  guint made = 0;

  for (guint b = 0; b < 4; b++)
    {
      g_autofree char *title = g_strdup_printf ("Bank %u", made++);
      g_autoptr(IkBank) bank = make_bank (title, 3 + b);

      g_list_store_append (banks, bank);
    }
  model = ik_search_model_new (G_LIST_MODEL (banks));
  assert_model_follows_banks (model, G_LIST_MODEL (banks));

  for (guint step = 0; step < 300; step++)
    {
      guint n_banks = g_list_model_get_n_items (G_LIST_MODEL (banks));
      g_autoptr(IkBank) bank = n_banks > 0
        ? g_list_model_get_item (G_LIST_MODEL (banks), g_rand_int_range (rand, 0, n_banks)) : NULL;
      GListStore *questions = bank != NULL ? G_LIST_STORE (ik_bank_get_questions (bank)) : NULL;
      guint n = questions != NULL ? g_list_model_get_n_items (G_LIST_MODEL (questions)) : 0;
      guint action = g_rand_int_range (rand, 0, 6);

      if (bank == NULL || action == 0)
        {
          /* A new bank, anywhere. */
          g_autofree char *title = g_strdup_printf ("Bank %u", made++);
          g_autoptr(IkBank) added = make_bank (title, g_rand_int_range (rand, 0, 5));

          g_list_store_insert (banks, g_rand_int_range (rand, 0, n_banks + 1), added);
        }
      else if (action == 1 && n_banks > 2)
        g_list_store_remove (banks, g_rand_int_range (rand, 0, n_banks));
      else if (action == 2)
        {
          /* A bank replaced by itself and another one, in one change. */
          g_autofree char *title = g_strdup_printf ("Bank %u", made++);
          g_autoptr(IkBank) other = make_bank (title, 2);
          guint position = 0;
          gpointer both[2] = { bank, other };

          g_list_store_find (banks, bank, &position);
          g_list_store_splice (banks, position, 1, both, 2);
        }
      else if (action == 3)
        {
          /* Several questions in one change, some replaced. */
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, n - position + 1);
          g_autoptr(IkQuestion) first = make_question ("Spliced one", NULL, NULL);
          g_autoptr(IkQuestion) second = make_question ("Spliced two", NULL, NULL);
          gpointer added[2] = { first, second };

          g_list_store_splice (questions, position, removed, added, g_rand_int_range (rand, 0, 3));
        }
      else if (action == 4 && n > 0)
        g_list_store_remove (questions, g_rand_int_range (rand, 0, n));
      else
        {
          g_autoptr(IkQuestion) question = make_question ("Added", NULL, NULL);

          g_list_store_insert (questions, g_rand_int_range (rand, 0, n + 1), question);
        }
      assert_model_follows_banks (model, G_LIST_MODEL (banks));
    }

  /* Every bank emptied, then gone. */
  for (guint b = 0; b < g_list_model_get_n_items (G_LIST_MODEL (banks)); b++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (G_LIST_MODEL (banks), b);

      g_list_store_remove_all (G_LIST_STORE (ik_bank_get_questions (bank)));
    }
  assert_model_follows_banks (model, G_LIST_MODEL (banks));
  g_list_store_remove_all (banks);
  assert_model_follows_banks (model, G_LIST_MODEL (banks));
  g_assert_finalize_object (g_steal_pointer (&model));
}

/* 10,000 questions across 20 banks: the flattened model holds them all and
 * a two-word query finds exactly the one that has both words. Speed is
 * measured by tests/bench, not here (shared machines make timed tests
 * flaky). */
static void
test_large_library (void)
{
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkSearchModel) model = NULL;
  g_autoptr(IkSearchQuery) query = ik_search_query_new ("incident zebra", NULL, NULL);
  g_autoptr(IkSearchQuery) common = ik_search_query_new ("incident", NULL, NULL);
  guint n, found = 0;

  for (guint b = 0; b < 20; b++)
    {
      g_autofree char *title = g_strdup_printf ("Bank %u", b);
      g_autoptr(IkBank) bank = ik_bank_new (title);

      for (guint i = 0; i < 500; i++)
        {
          const char *areas[] = { "The scope and the stakeholders involved in the decision",
                                  "How the risk was measured and communicated", NULL };
          const char *follow_ups[] = { "What would you do differently next time, and why?",
                                       "Who disagreed with you and how did you resolve it?", NULL };
          g_autofree char *text = g_strdup_printf ("Tell me about incident %u in bank %u where you had to balance "
                                                   "delivery pressure against security concerns%s.",
                                                   i, b, (i == 250 && b == 7) ? " with a zebra" : "");
          g_autoptr(IkQuestion) question = make_question (text, areas, follow_ups);

          g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
        }
      g_list_store_append (banks, bank);
    }

  model = ik_search_model_new (G_LIST_MODEL (banks));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 10000);

  /* Warm the cache. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_true (ik_question_match (question, common));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (ik_question_match (question, query))
        found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

/* Warming walks the whole flattened list in slices and ends; matching
 * afterwards gives the same answers, and an edit still invalidates. */
static void
test_warm_in_slices (void)
{
  g_autoptr(GListStore) banks = g_list_store_new (IK_TYPE_BANK);
  g_autoptr(IkBank) bank = ik_bank_new ("Warm");
  g_autoptr(IkSearchModel) model = NULL;
  g_autoptr(IkSearchQuery) query = ik_search_query_new ("ledger", NULL, NULL);
  g_autoptr(IkQuestion) last = NULL;
  guint position = 0;
  guint calls = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *text = g_strdup_printf ("Question %u about a ledger", i);
      g_autoptr(IkQuestion) question = make_question (text, NULL, NULL);

      g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
    }
  g_list_store_append (banks, bank);
  model = ik_search_model_new (G_LIST_MODEL (banks));

  while (ik_search_model_warm (model, &position, 10))
    calls++;
  g_assert_cmpuint (calls, ==, 2);
  g_assert_cmpuint (position, ==, 25);
  g_assert_false (ik_search_model_warm (model, &position, 10));

  last = g_list_model_get_item (G_LIST_MODEL (model), 24);
  g_assert_true (ik_question_match (last, query));
  ik_question_set_text (last, "Question about a journal");
  g_assert_false (ik_question_match (last, query));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/words", test_words);
  g_test_add_func ("/search/accents", test_accents);
  g_test_add_func ("/search/filters", test_filters);
  g_test_add_func ("/search/ranges", test_ranges);
  g_test_add_func ("/search/markup", test_markup);
  g_test_add_func ("/search/matching-line", test_matching_line);
  g_test_add_func ("/search/cache-invalidation", test_cache_invalidation);
  g_test_add_func ("/search/query-equal", test_query_equal);
  g_test_add_func ("/search/narrower", test_narrower);
  g_test_add_func ("/search/model", test_model);
  g_test_add_func ("/search/model-index", test_model_index);
  g_test_add_func ("/search/large-library", test_large_library);
  g_test_add_func ("/search/warm-in-slices", test_warm_in_slices);

  return g_test_run ();
}
