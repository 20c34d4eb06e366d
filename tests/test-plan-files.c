/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A panel's plans: built from a session without changing it, written as
 * plan files (all of them or none of the new ones), applied afterwards. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-plan-files.h"
#include "ik-planner.h"
#include "ik-question-record.h"
#include "ik-test-util.h"

typedef struct
{
  char      *dir;
  IkBank    *bank;
  IkSession *session;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) scheduled = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);

  f->dir = ik_test_make_tmpdir ();
  f->bank = ik_test_load_bundled_bank ();

  f->session = ik_session_new ();
  ik_session_set_candidate_name (f->session, "Katherine Johnson");
  ik_session_set_role (f->session, "Security Engineer");
  ik_session_set_seniority (f->session, IK_SENIORITY_SENIOR);
  ik_session_set_bank_id (f->session, ik_bank_get_id (f->bank));
  ik_session_set_bank_title (f->session, ik_bank_get_title (f->bank));
  ik_session_set_interviewer (f->session, "Dorothy Vaughan");
  ik_session_set_duration (f->session, 60);
  ik_session_set_scheduled (f->session, scheduled);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ik_file_store_set_fault_hook (NULL, NULL);
  g_clear_object (&f->session);
  g_clear_object (&f->bank);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* What the planner widget built by hand before the model did it. */
static IkSession *
colleague_plan_by_hand (IkSession *session,
                        GPtrArray *questions)
{
  IkSession *plan = ik_session_new ();

  ik_session_set_candidate_id (plan, ik_session_get_candidate_id (session));
  ik_session_set_candidate_name (plan, ik_session_get_candidate_name (session));
  ik_session_set_role (plan, ik_session_get_role (session));
  ik_session_set_seniority (plan, ik_session_get_seniority (session));
  ik_session_set_bank_id (plan, ik_session_get_bank_id (session));
  ik_session_set_bank_title (plan, ik_session_get_bank_title (session));
  ik_session_set_duration (plan, ik_session_get_duration (session));
  ik_session_set_scheduled (plan, ik_session_get_scheduled (session));
  for (guint i = 0; i < questions->len; i++)
    ik_session_add_question (plan, g_ptr_array_index (questions, i));
  return plan;
}

static void
test_new_panel (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = ik_plan_new_panel (f->session, f->bank, 3, 20);
  g_autoptr(GPtrArray) slices = ik_planner_split_panel (f->bank, 3, 20, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *candidate_id;

  g_assert_cmpuint (plans->len, ==, 3);
  /* The session is not touched: it changes only once the files exist. */
  g_assert_cmpstr (ik_session_get_candidate_id (f->session), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (f->session)), ==, 0);

  candidate_id = ik_session_get_candidate_id (g_ptr_array_index (plans, 0));
  g_assert_true (ik_id_is_valid (candidate_id));
  for (guint k = 0; k < plans->len; k++)
    {
      IkSession *plan = g_ptr_array_index (plans, k);
      GListModel *records = ik_session_get_records (plan);
      g_autoptr(IkSession) expected = NULL;
      g_autofree char *data_plan = NULL;
      g_autofree char *data_expected = NULL;
      gsize length_plan = 0, length_expected = 0;

      g_assert_cmpstr (ik_session_get_candidate_id (plan), ==, candidate_id);
      g_assert_cmpstr (ik_session_get_candidate_name (plan), ==, "Katherine Johnson");
      g_assert_cmpint (ik_session_get_state (plan), ==, IK_SESSION_STATE_PLANNED);
      g_assert_cmpstr (ik_session_get_interviewer (plan), ==, k == 0 ? "Dorothy Vaughan" : "");
      g_assert_cmpuint (g_list_model_get_n_items (records), >, 0);
      for (guint i = 0; i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

          /* No question is asked twice across the panel. */
          g_assert_true (g_hash_table_add (seen, (gpointer) ik_question_get_id (ik_question_record_get_question (record))));
        }

      /* Byte for byte the plan file the widget wrote before. */
      expected = colleague_plan_by_hand (plan, g_ptr_array_index (slices, k));
      if (k == 0)
        ik_session_set_interviewer (expected, "Dorothy Vaughan");
      data_plan = ik_planner_plan_to_data (plan, k, &length_plan, NULL);
      data_expected = ik_planner_plan_to_data (expected, k, &length_expected, NULL);
      g_assert_nonnull (data_plan);
      g_assert_cmpmem (data_plan, length_plan, data_expected, length_expected);
    }

  /* A session with a candidate id gives it to the panel. */
  {
    g_autoptr(GPtrArray) again = NULL;

    ik_session_set_candidate_id (f->session, "cand-1");
    again = ik_plan_new_panel (f->session, f->bank, 2, 0);
    g_assert_cmpstr (ik_session_get_candidate_id (g_ptr_array_index (again, 1)), ==, "cand-1");
  }
}

static void
test_export_panel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = ik_plan_new_panel (f->session, f->bank, 3, 0);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  ik_plan_export_panel_async (plans, folder, NULL, ik_test_store_result, &slot);
  /* Written in a worker thread: nothing is reported before the loop runs. */
  g_assert_null (slot);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_plan_export_panel_finish (result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ik_test_count_entries (f->dir), ==, 3);

  for (guint k = 0; k < plans->len; k++)
    {
      IkSession *plan = g_ptr_array_index (plans, k);
      g_autofree char *name = g_strdup_printf ("Katherine-Johnson-interviewer-%u.ikplan.json", k + 1);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *file_name = ik_plan_file_name (plan, k);
      g_autofree char *contents = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(IkSession) opened = NULL;
      gsize length = 0, expected_length = 0;

      g_assert_cmpstr (file_name, ==, name);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      expected = ik_planner_plan_to_data (plan, k, &expected_length, NULL);
      g_assert_cmpmem (contents, length, expected, expected_length);
      g_assert_cmpint (ik_test_file_mode (path), ==, 0600);
      ik_test_assert_schema_valid ("plan.schema.json", path);

      opened = ik_plan_read_file (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ik_session_get_candidate_id (opened), ==, ik_session_get_candidate_id (plan));
      g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (opened)), ==,
                        g_list_model_get_n_items (ik_session_get_records (plan)));
    }
}

static int
fail_second_file (IkSaveStep  step,
                  const char *path,
                  gpointer    user_data)
{
  return step == IK_SAVE_STEP_WRITE && g_str_has_suffix (path, "interviewer-2.ikplan.json") ? ENOSPC : 0;
}

/* A disk that fills up half-way leaves no new plan file behind, no
 * temporary file, and a message that says why. */
static void
test_export_panel_error (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = ik_plan_new_panel (f->session, f->bank, 3, 0);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autofree char *missing = g_build_filename (f->dir, "gone", NULL);
  g_autoptr(GFile) missing_folder = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  ik_file_store_set_fault_hook (fail_second_file, NULL);
  ik_plan_export_panel_async (plans, folder, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_false (ik_plan_export_panel_finish (result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
  g_clear_error (&error);
  g_assert_cmpuint (ik_test_count_entries (f->dir), ==, 0);
  ik_file_store_set_fault_hook (NULL, NULL);

  g_assert_false (ik_plan_export_panel (plans, missing_folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_apply (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = ik_plan_new_panel (f->session, f->bank, 2, 0);
  IkSession *mine = g_ptr_array_index (plans, 0);
  GListModel *records = ik_session_get_records (f->session);
  GListModel *planned = ik_session_get_records (mine);
  g_autoptr(IkQuestion) earlier = g_list_model_get_item (ik_bank_get_questions (f->bank), 0);
  g_autoptr(IkSession) running = ik_session_new ();

  ik_session_add_question (f->session, earlier);
  ik_plan_apply (mine, f->session);
  g_assert_cmpstr (ik_session_get_candidate_id (f->session), ==, ik_session_get_candidate_id (mine));
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, g_list_model_get_n_items (planned));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) a = g_list_model_get_item (records, i);
      g_autoptr(IkQuestionRecord) b = g_list_model_get_item (planned, i);

      g_assert_cmpstr (ik_question_get_id (ik_question_record_get_question (a)), ==,
                       ik_question_get_id (ik_question_record_get_question (b)));
    }

  /* An interview that started meanwhile keeps what is being asked. */
  ik_session_add_question (running, earlier);
  ik_session_set_state (running, IK_SESSION_STATE_IN_PROGRESS);
  ik_plan_apply (mine, running);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (running)), ==, 1);
}

static void
test_read_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bank.ikplan.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "{\"format\":\"interview-kit/bank\",\"version\":1}", -1, NULL));
  g_assert_null (ik_plan_read_file (file, NULL, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_null (ik_plan_read_file (folder, NULL, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/plan-files/new-panel", test_new_panel);
  ADD ("/plan-files/export-panel", test_export_panel);
  ADD ("/plan-files/export-panel-error", test_export_panel_error);
  ADD ("/plan-files/apply", test_apply);
  ADD ("/plan-files/read-errors", test_read_errors);
#undef ADD

  return g_test_run ();
}
