/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The planner: suggestion, panel split and plan files. */
#include "config.h"

#include "ik-json.h"
#include "ik-planner.h"
#include "ik-test-util.h"

/* The bank shipped with the app: large enough for every case below. */
static IkBank *
load_bundled_bank (void)
{
  IkBank *bank = ik_test_load_bundled_bank ();

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), >=, 10);
  return bank;
}

/* A question with the given competencies (comma-separated) and minutes. */
static void
add_question (IkBank     *bank,
              const char *text,
              const char *competencies,
              guint       minutes)
{
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_auto(GStrv) comps = g_strsplit (competencies, ",", -1);

  ik_question_set_text (question, text);
  ik_question_set_competencies (question, (const char * const *) comps);
  ik_question_set_minutes (question, minutes);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
}

static void
add_competency (IkBank     *bank,
                const char *id)
{
  g_autoptr(IkCompetency) competency = ik_competency_new (id, id);

  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), competency);
}

static guint
total_minutes (GPtrArray *questions)
{
  guint total = 0;

  for (guint i = 0; i < questions->len; i++)
    total += ik_planner_question_minutes (g_ptr_array_index (questions, i));
  return total;
}

/* competency id → how many of the questions assess it */
static GHashTable *
coverage_of (GPtrArray *questions)
{
  GHashTable *coverage = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < questions->len; i++)
    {
      const char * const *comps = ik_question_get_competencies (g_ptr_array_index (questions, i));

      for (guint j = 0; comps != NULL && comps[j] != NULL; j++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (coverage, comps[j]));
          g_hash_table_insert (coverage, (gpointer) comps[j], GUINT_TO_POINTER (n + 1));
        }
    }
  return coverage;
}

static void
assert_same_questions (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (ik_question_get_id (g_ptr_array_index (a, i)), ==,
                     ik_question_get_id (g_ptr_array_index (b, i)));
}

static void
test_suggest_fits_and_covers (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  GListModel *competencies = ik_bank_get_competencies (bank);
  g_autoptr(GPtrArray) hour = ik_planner_suggest (bank, 60, 5, 5, NULL);
  g_autoptr(GPtrArray) short_slot = ik_planner_suggest (bank, 45, 5, 5, NULL);
  g_autoptr(GHashTable) coverage = coverage_of (hour);

  /* The bank's own advice: three or four questions for 45-60 minutes. */
  g_assert_cmpuint (hour->len, >=, 3);
  g_assert_cmpuint (hour->len, <=, 4);
  g_assert_cmpuint (total_minutes (hour), <=, 50);
  g_assert_cmpuint (short_slot->len, >=, 2);
  g_assert_cmpuint (total_minutes (short_slot), <=, 35);

  /* Six competencies, three per question: an hour covers all of them. */
  for (guint i = 0; i < g_list_model_get_n_items (competencies); i++)
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, i);
      g_assert_true (g_hash_table_contains (coverage, ik_competency_get_id (competency)));
    }

  /* No question twice. */
  for (guint i = 0; i < hour->len; i++)
    for (guint j = i + 1; j < hour->len; j++)
      g_assert_true (g_ptr_array_index (hour, i) != g_ptr_array_index (hour, j));
}

static void
test_suggest_deterministic (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(GPtrArray) first = ik_planner_suggest (bank, 60, 5, 5, NULL);
  g_autoptr(GPtrArray) second = ik_planner_suggest (bank, 60, 5, 5, NULL);
  guint minutes = 0;

  assert_same_questions (first, second);
  /* The same plan every time, and a real one: not empty, within the 50
   * minutes left after the opening and closing buffers. */
  g_assert_cmpuint (first->len, >, 0);
  for (guint i = 0; i < first->len; i++)
    minutes += ik_planner_question_minutes (g_ptr_array_index (first, i));
  g_assert_cmpuint (minutes, <=, 60 - 5 - 5);
}

static void
test_suggest_prefers_coverage_then_bank_order (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Synthetic");
  g_autoptr(GPtrArray) plan = NULL;

  add_competency (bank, "a");
  add_competency (bank, "b");
  add_competency (bank, "c");
  add_question (bank, "Q1", "a", 10);
  add_question (bank, "Q2", "a,b", 10);
  add_question (bank, "Q3", "c", 10);
  add_question (bank, "Q4", "b,c", 10);

  /* 30 minutes of questions. Q2 adds two competencies. Q3 and Q4 then both
   * add c, but Q4 also gives b a second look. Q1 and Q3 are then equal (a
   * second look at one competency each): the earlier in the bank wins. */
  plan = ik_planner_suggest (bank, 40, 5, 5, NULL);
  g_assert_cmpuint (plan->len, ==, 3);
  g_assert_cmpstr (ik_question_get_text (g_ptr_array_index (plan, 0)), ==, "Q2");
  g_assert_cmpstr (ik_question_get_text (g_ptr_array_index (plan, 1)), ==, "Q4");
  g_assert_cmpstr (ik_question_get_text (g_ptr_array_index (plan, 2)), ==, "Q1");
}

static void
test_suggest_prefers_least_used (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Synthetic");
  g_autoptr(GHashTable) usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) used = NULL;
  IkQuestion *first;

  add_competency (bank, "a");
  add_question (bank, "Q1", "a", 10);
  add_question (bank, "Q2", "a", 10);
  add_question (bank, "Q3", "a", 10);

  fresh = ik_planner_suggest (bank, 20, 0, 0, NULL);
  g_assert_cmpuint (fresh->len, ==, 2);
  first = g_ptr_array_index (fresh, 0);
  g_assert_cmpstr (ik_question_get_text (first), ==, "Q1");
  g_assert_cmpstr (ik_question_get_text (g_ptr_array_index (fresh, 1)), ==, "Q2");

  /* Q1 asked twice, Q2 once: Q3 first, then Q2. */
  g_hash_table_insert (usage, g_strdup (ik_question_get_id (first)), GUINT_TO_POINTER (2));
  g_hash_table_insert (usage, g_strdup (ik_question_get_id (g_ptr_array_index (fresh, 1))), GUINT_TO_POINTER (1));
  used = ik_planner_suggest (bank, 20, 0, 0, usage);
  g_assert_cmpuint (used->len, ==, 2);
  g_assert_cmpstr (ik_question_get_text (g_ptr_array_index (used, 0)), ==, "Q3");
  g_assert_cmpstr (ik_question_get_text (g_ptr_array_index (used, 1)), ==, "Q2");
}

static void
test_suggest_no_time (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(GPtrArray) none = ik_planner_suggest (bank, 10, 5, 5, NULL);
  g_autoptr(GPtrArray) negative = ik_planner_suggest (bank, 15, 30, 30, NULL);
  g_autoptr(IkBank) empty = ik_bank_new ("Empty");
  g_autoptr(GPtrArray) from_empty = ik_planner_suggest (empty, 60, 5, 5, NULL);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (negative->len, ==, 0);
  g_assert_cmpuint (from_empty->len, ==, 0);
}

static void
test_suggest_default_minutes (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("No minutes");
  g_autoptr(GPtrArray) plan = NULL;

  add_question (bank, "Q1", "a", 0);
  add_question (bank, "Q2", "b", 0);
  add_question (bank, "Q3", "c", 0);

  /* Unknown lengths count as IK_PLANNER_DEFAULT_MINUTES, not as free. */
  plan = ik_planner_suggest (bank, 2 * IK_PLANNER_DEFAULT_MINUTES + 5, 0, 0, NULL);
  g_assert_cmpuint (plan->len, ==, 2);
}

static void
assert_no_overlap (GPtrArray *slices)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < slices->len; k++)
    {
      GPtrArray *slice = g_ptr_array_index (slices, k);

      for (guint i = 0; i < slice->len; i++)
        g_assert_true (g_hash_table_add (seen, (gpointer) ik_question_get_id (g_ptr_array_index (slice, i))));
    }
}

static GPtrArray *
flatten (GPtrArray *slices)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint k = 0; k < slices->len; k++)
    {
      GPtrArray *slice = g_ptr_array_index (slices, k);
      for (guint i = 0; i < slice->len; i++)
        g_ptr_array_add (all, g_ptr_array_index (slice, i));
    }
  return all;
}

static void
test_split_panel (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  GListModel *competencies = ik_bank_get_competencies (bank);
  g_auto(GStrv) uncovered = NULL;
  g_auto(GStrv) uncovered_again = NULL;
  g_autoptr(GPtrArray) slices = ik_planner_split_panel (bank, 3, 50, &uncovered);
  g_autoptr(GPtrArray) again = ik_planner_split_panel (bank, 3, 50, &uncovered_again);
  g_autoptr(GPtrArray) all = flatten (slices);
  g_autoptr(GHashTable) coverage = coverage_of (all);

  g_assert_cmpuint (slices->len, ==, 3);
  assert_no_overlap (slices);
  g_assert_cmpuint (g_strv_length (uncovered), ==, 0);

  for (guint k = 0; k < slices->len; k++)
    {
      GPtrArray *slice = g_ptr_array_index (slices, k);

      g_assert_cmpuint (slice->len, >=, 1);
      g_assert_cmpuint (total_minutes (slice), <=, 50);
      assert_same_questions (slice, g_ptr_array_index (again, k));
    }

  /* Every competency of this bank has many questions: covered twice. */
  for (guint i = 0; i < g_list_model_get_n_items (competencies); i++)
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, i);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (coverage, ik_competency_get_id (competency))), >=, 2);
    }
}

static void
test_split_panel_unlimited (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  guint n_questions = g_list_model_get_n_items (ik_bank_get_questions (bank));
  g_autoptr(GPtrArray) slices = ik_planner_split_panel (bank, 4, 0, NULL);
  g_autoptr(GPtrArray) all = flatten (slices);

  /* Without a time limit every question goes to exactly one interviewer,
   * and the turns keep the slices within one question of each other. */
  g_assert_cmpuint (all->len, ==, n_questions);
  assert_no_overlap (slices);
  for (guint k = 0; k < slices->len; k++)
    {
      GPtrArray *slice = g_ptr_array_index (slices, k);
      g_assert_cmpuint (slice->len, >=, n_questions / 4);
      g_assert_cmpuint (slice->len, <=, (n_questions + 3) / 4);
    }
}

static void
test_split_panel_lone_competency (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Lone");
  g_auto(GStrv) uncovered = NULL;
  g_autoptr(GPtrArray) slices = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) coverage = NULL;

  add_competency (bank, "common");
  add_competency (bank, "rare");
  add_competency (bank, "missing");
  add_question (bank, "Q1", "common", 10);
  add_question (bank, "Q2", "common", 10);
  add_question (bank, "Q3", "common", 10);
  add_question (bank, "Q4", "rare", 10);

  /* Two interviewers with one question each: the rare competency must win
   * a slot although "common" comes first in the bank. */
  slices = ik_planner_split_panel (bank, 2, 10, &uncovered);
  all = flatten (slices);
  coverage = coverage_of (all);
  assert_no_overlap (slices);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (coverage, "common")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (coverage, "rare")), ==, 1);
  /* A competency no question assesses is reported, not silently dropped. */
  g_assert_cmpuint (g_strv_length (uncovered), ==, 1);
  g_assert_cmpstr (uncovered[0], ==, "missing");
}

static void
test_split_panel_too_little_time (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_auto(GStrv) uncovered = NULL;
  g_autoptr(GPtrArray) slices = ik_planner_split_panel (bank, 1, 12, &uncovered);

  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (slices, 0))->len, ==, 1);
  g_assert_cmpuint (g_strv_length (uncovered), ==, 3);
}

static IkSession *
make_planned_session (IkBank *bank)
{
  IkSession *session = ik_session_new ();
  g_autoptr(GPtrArray) plan = ik_planner_suggest (bank, 60, 5, 5, NULL);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 ("2026-12-01T10:00:00+01:00", NULL);
  g_autofree char *candidate_id = ik_uuid_new ();

  ik_session_set_candidate_id (session, candidate_id);
  ik_session_set_candidate_name (session, "Ada “Countess” Lovelace");
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_interviewer (session, "Grace");
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  ik_session_set_duration (session, 60);
  ik_session_set_scheduled (session, when);
  for (guint i = 0; i < plan->len; i++)
    ik_session_add_question (session, g_ptr_array_index (plan, i));
  return session;
}

static void
test_plan_file_round_trip (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(IkSession) session = make_planned_session (bank);
  g_autoptr(IkSession) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  GListModel *records, *copied;
  guint index = 99;
  gsize length = 0;

  data = ik_planner_plan_to_data (session, 2, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  ik_test_assert_schema_valid_data ("plan.schema.json", data, length);

  copy = ik_planner_session_new_from_plan (data, length, &index, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 2);
  g_assert_true (copy != session);
  g_assert_cmpstr (ik_session_get_id (copy), !=, ik_session_get_id (session));
  g_assert_cmpstr (ik_session_get_candidate_id (copy), ==, ik_session_get_candidate_id (session));
  g_assert_cmpstr (ik_session_get_candidate_name (copy), ==, "Ada “Countess” Lovelace");
  g_assert_cmpstr (ik_session_get_role (copy), ==, "Security Engineer");
  g_assert_cmpint (ik_session_get_seniority (copy), ==, IK_SENIORITY_SENIOR);
  g_assert_cmpstr (ik_session_get_interviewer (copy), ==, "Grace");
  g_assert_cmpstr (ik_session_get_bank_id (copy), ==, ik_bank_get_id (bank));
  g_assert_cmpuint (ik_session_get_duration (copy), ==, 60);
  g_assert_cmpint (ik_session_get_state (copy), ==, IK_SESSION_STATE_PLANNED);
  g_assert_true (g_date_time_equal (ik_session_get_scheduled (copy), ik_session_get_scheduled (session)));

  records = ik_session_get_records (session);
  copied = ik_session_get_records (copy);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, g_list_model_get_n_items (records));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) a = g_list_model_get_item (records, i);
      g_autoptr(IkQuestionRecord) b = g_list_model_get_item (copied, i);
      IkQuestion *qa = ik_question_record_get_question (a);
      IkQuestion *qb = ik_question_record_get_question (b);

      g_assert_cmpstr (ik_question_get_id (qa), ==, ik_question_get_id (qb));
      g_assert_cmpstr (ik_question_get_text (qa), ==, ik_question_get_text (qb));
      g_assert_cmpstrv (ik_question_get_areas (qa), ik_question_get_areas (qb));
      g_assert_cmpstrv (ik_question_get_follow_ups (qa), ik_question_get_follow_ups (qb));
      g_assert_cmpuint (ik_question_get_minutes (qa), ==, ik_question_get_minutes (qb));
    }

  /* Writing the imported plan again gives the same document. */
  again = ik_planner_plan_to_data (copy, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, data);
}

static void
test_plan_file_bad_input (void)
{
  static const struct {
    const char *data;
    int         code;
  } cases[] = {
    { "", IK_JSON_ERROR_INVALID },
    { "   \n", IK_JSON_ERROR_INVALID },
    { "[]", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/bank\",\"version\":1}", IK_JSON_ERROR_FORMAT },
    { "{\"format\":\"interview-kit/plan\",\"version\":2,\"candidate_id\":\"x\",\"candidate_name\":\"A\",\"questions\":[]}", IK_JSON_ERROR_NEWER_VERSION },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_name\":\"A\",\"questions\":[]}", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"../../etc\",\"candidate_name\":\"A\",\"questions\":[]}", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"c1\",\"candidate_name\":7,\"questions\":[]}", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"c1\",\"candidate_name\":\"A\",\"seniority\":\"wizard\",\"questions\":[]}", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"c1\",\"candidate_name\":\"A\",\"questions\":[1]}", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"c1\",\"candidate_name\":\"A\",\"questions\":{}}", IK_JSON_ERROR_INVALID },
    { "{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"c1\",\"candidate_name\":\"A\",\"interviewer_index\":-1,\"questions\":[]}", IK_JSON_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IkSession) session = ik_planner_session_new_from_plan (cases[i].data, strlen (cases[i].data), NULL, &error);

      g_test_message ("case %u: %s", i, cases[i].data);
      g_assert_null (session);
      g_assert_nonnull (error);
      g_assert_true (error->domain == IK_JSON_ERROR);
      g_assert_cmpint (error->code, ==, cases[i].code);
    }
}

/* A plan comes from someone else; its ids become file names (the
 * candidate's folder in a team folder), so every id that could leave its
 * folder or is not an id is refused, with a message. */
static void
test_plan_file_hostile_ids (void)
{
  static const char *members[] = { "candidate_id", "bank_id" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    for (guint i = 0; ik_test_hostile_ids[i] != NULL; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(IkSession) session = NULL;
        g_autofree char *data =
          g_strdup_printf ("{\"format\":\"interview-kit/plan\",\"version\":1,\"candidate_id\":\"%s\","
                           "\"bank_id\":\"%s\",\"candidate_name\":\"A\",\"questions\":[]}",
                           m == 0 ? ik_test_hostile_ids[i] : "c1",
                           m == 1 ? ik_test_hostile_ids[i] : "b1");

        g_test_message ("%s", data);
        session = ik_planner_session_new_from_plan (data, strlen (data), NULL, &error);
        g_assert_null (session);
        g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
        /* The message names the member, or the NUL the parser refuses. */
        g_assert_true (strstr (error->message, members[m]) != NULL
                       || strstr (error->message, "\\u0000") != NULL);
      }
}

static void
test_plan_file_deep_nesting (void)
{
  GString *deep = g_string_new ("{\"format\":\"interview-kit/plan\",\"x\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  session = ik_planner_session_new_from_plan (deep->str, deep->len, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_DEEP);
  g_string_free (deep, TRUE);
}

static void
test_count_usage (void)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(GListStore) sessions = g_list_store_new (IK_TYPE_SESSION);
  g_autoptr(IkSession) mine = make_planned_session (bank);
  g_autoptr(IkSession) also_mine = make_planned_session (bank);
  g_autoptr(IkSession) theirs = make_planned_session (bank);
  g_autoptr(GHashTable) usage = NULL;
  g_autoptr(IkQuestionRecord) first = NULL;
  g_autoptr(IkQuestionRecord) second = NULL;
  const char *first_id, *second_id;

  ik_session_set_interviewer (theirs, "Someone Else");
  first = g_list_model_get_item (ik_session_get_records (also_mine), 0);
  second = g_list_model_get_item (ik_session_get_records (also_mine), 1);
  ik_question_record_set_skipped (second, TRUE);
  first_id = ik_question_get_id (ik_question_record_get_question (first));
  second_id = ik_question_get_id (ik_question_record_get_question (second));

  g_list_store_append (sessions, mine);
  g_list_store_append (sessions, also_mine);
  g_list_store_append (sessions, theirs);
  usage = ik_planner_count_usage (G_LIST_MODEL (sessions), "Grace");

  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (usage, first_id)), ==, 2);
  /* Skipped in one session: it was only asked once. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (usage, second_id)), ==, 1);

  /* With that history, the next suggestion starts elsewhere. */
  {
    g_autoptr(GPtrArray) next = ik_planner_suggest (bank, 60, 5, 5, usage);
    for (guint i = 0; i < next->len; i++)
      g_assert_cmpstr (ik_question_get_id (g_ptr_array_index (next, i)), !=, first_id);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/planner/suggest/fits-and-covers", test_suggest_fits_and_covers);
  g_test_add_func ("/planner/suggest/deterministic", test_suggest_deterministic);
  g_test_add_func ("/planner/suggest/coverage-then-order", test_suggest_prefers_coverage_then_bank_order);
  g_test_add_func ("/planner/suggest/least-used", test_suggest_prefers_least_used);
  g_test_add_func ("/planner/suggest/no-time", test_suggest_no_time);
  g_test_add_func ("/planner/suggest/default-minutes", test_suggest_default_minutes);
  g_test_add_func ("/planner/split/panel", test_split_panel);
  g_test_add_func ("/planner/split/unlimited", test_split_panel_unlimited);
  g_test_add_func ("/planner/split/lone-competency", test_split_panel_lone_competency);
  g_test_add_func ("/planner/split/too-little-time", test_split_panel_too_little_time);
  g_test_add_func ("/planner/plan-file/round-trip", test_plan_file_round_trip);
  g_test_add_func ("/planner/plan-file/bad-input", test_plan_file_bad_input);
  g_test_add_func ("/planner/plan-file/deep-nesting", test_plan_file_deep_nesting);
  g_test_add_func ("/planner/plan-file/hostile-ids", test_plan_file_hostile_ids);
  g_test_add_func ("/planner/count-usage", test_count_usage);

  return g_test_run ();
}
