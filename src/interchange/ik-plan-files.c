/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-plan-files.c: a panel's plans, built from a session and written as
 * `.ikplan.json` files.
 *
 * The plans are new sessions, so nothing the user sees changes until every
 * file is written: only then does the planner apply the first plan to the
 * session it shows (ik_plan_apply()). A failed export leaves the session as
 * it was and no new plan file behind.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-plan-files.h"
#include "ik-planner.h"
#include "ik-question-record.h"

/**
 * ik_plan_new_panel:
 * @session: the planned interview the panel is planned from
 * @bank: the bank to split
 * @n_interviewers: the size of the panel, 1 to %IK_PLANNER_MAX_PANEL
 * @budget: the minutes of each interviewer, 0 to hand out every question
 *
 * Splits @bank between the panel (ik_planner_split_panel()) and makes one
 * plan per interviewer: a new planned session with the candidate, role,
 * seniority, bank, duration and time of @session and the questions of its
 * slice. Every plan shares @session's candidate id, or a new one when
 * @session has none yet. The first plan, the planning interviewer's own,
 * also keeps their name. @session is not changed.
 *
 * Returns: (transfer full) (element-type IkSession): the plans, in panel
 *   order
 */
GPtrArray *
ik_plan_new_panel (IkSession *session,
                   IkBank    *bank,
                   guint      n_interviewers,
                   guint      budget)
{
  g_autoptr(GPtrArray) slices = NULL;
  g_autofree char *candidate_id = NULL;
  GPtrArray *plans;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  if (ik_id_is_valid (ik_session_get_candidate_id (session)))
    candidate_id = g_strdup (ik_session_get_candidate_id (session));
  else
    candidate_id = ik_uuid_new ();

  slices = ik_planner_split_panel (bank, CLAMP (n_interviewers, 1, IK_PLANNER_MAX_PANEL), budget, NULL);
  plans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < slices->len; k++)
    {
      GPtrArray *questions = g_ptr_array_index (slices, k);
      IkSession *plan = ik_session_new ();

      ik_session_set_candidate_id (plan, candidate_id);
      ik_session_set_candidate_name (plan, ik_session_get_candidate_name (session));
      ik_session_set_role (plan, ik_session_get_role (session));
      ik_session_set_seniority (plan, ik_session_get_seniority (session));
      ik_session_set_bank_id (plan, ik_session_get_bank_id (session));
      ik_session_set_bank_title (plan, ik_session_get_bank_title (session));
      ik_session_set_duration (plan, ik_session_get_duration (session));
      if (ik_session_get_scheduled (session) != NULL)
        ik_session_set_scheduled (plan, ik_session_get_scheduled (session));
      /* The colleagues fill in their own names. */
      if (k == 0)
        ik_session_set_interviewer (plan, ik_session_get_interviewer (session));
      for (guint i = 0; i < questions->len; i++)
        ik_session_add_question (plan, g_ptr_array_index (questions, i));
      g_ptr_array_add (plans, plan);
    }
  return plans;
}

/**
 * ik_plan_file_name:
 * @plan: a plan of ik_plan_new_panel()
 * @interviewer_index: its position in the panel, from 0
 *
 * Returns: (transfer full): "<candidate>-interviewer-<n>.ikplan.json", the
 *   candidate's name kept to characters safe in a file name everywhere
 */
char *
ik_plan_file_name (IkSession *plan,
                   guint      interviewer_index)
{
  GString *name = g_string_new (NULL);
  const char *candidate;

  g_return_val_if_fail (IK_IS_SESSION (plan), NULL);

  candidate = ik_session_get_candidate_name (plan);
  for (const char *p = candidate; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '-' || c == '_')
        g_string_append_unichar (name, c);
      else if (c == ' ' && name->len > 0)
        g_string_append_c (name, '-');
    }
  if (name->len == 0)
    g_string_append (name, "interview");
  g_string_append_printf (name, "-interviewer-%u.ikplan.json", interviewer_index + 1);
  return g_string_free (name, FALSE);
}

/**
 * ik_plan_apply:
 * @plan: the planning interviewer's plan (the first of ik_plan_new_panel())
 * @session: the session it was made from
 *
 * Makes @session the interview of @plan once its files are written: the
 * panel's candidate id and the questions of the slice, in place of the
 * ones planned before. Does nothing to a session that was started while
 * the files were written: its questions are being asked.
 */
void
ik_plan_apply (IkSession *plan,
               IkSession *session)
{
  GListModel *records;
  GListModel *planned;

  g_return_if_fail (IK_IS_SESSION (plan));
  g_return_if_fail (IK_IS_SESSION (session));

  if (ik_session_get_state (session) != IK_SESSION_STATE_PLANNED)
    return;
  ik_session_set_candidate_id (session, ik_session_get_candidate_id (plan));
  records = ik_session_get_records (session);
  while (g_list_model_get_n_items (records) > 0)
    ik_session_remove_record (session, g_list_model_get_n_items (records) - 1);
  planned = ik_session_get_records (plan);
  for (guint i = 0; i < g_list_model_get_n_items (planned); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (planned, i);

      ik_session_add_question (session, ik_question_record_get_question (record));
    }
}

typedef struct
{
  GPtrArray *paths;     /* (element-type utf8) */
  GPtrArray *contents;  /* (element-type GBytes) */
} PanelJob;

static void
panel_job_free (PanelJob *job)
{
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_clear_pointer (&job->contents, g_ptr_array_unref);
  g_free (job);
}

/* Serialises the plans, in the caller's thread: sessions belong to it. */
static PanelJob *
panel_job_new (GPtrArray  *plans,
               GFile      *folder,
               GError    **error)
{
  g_autofree char *dir = g_file_get_path (folder);
  PanelJob *job;

  if (dir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Plan files can only be saved in a local folder"));
      return NULL;
    }

  job = g_new0 (PanelJob, 1);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  job->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint k = 0; k < plans->len; k++)
    {
      IkSession *plan = g_ptr_array_index (plans, k);
      g_autofree char *name = ik_plan_file_name (plan, k);
      gsize length = 0;
      char *data = ik_planner_plan_to_data (plan, k, &length, error);

      if (data == NULL)
        {
          panel_job_free (job);
          return NULL;
        }
      g_ptr_array_add (job->paths, g_build_filename (dir, name, NULL));
      g_ptr_array_add (job->contents, g_bytes_new_take (data, length));
    }
  return job;
}

/* Writes every file, each atomically. When one fails, the files this
 * export created are removed again, so the colleagues never get part of a
 * panel; files it replaced keep their new, complete contents. */
static gboolean
panel_job_write (PanelJob  *job,
                 GError   **error)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new ();

  for (guint k = 0; k < job->paths->len; k++)
    {
      const char *path = g_ptr_array_index (job->paths, k);
      GBytes *bytes = g_ptr_array_index (job->contents, k);
      gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
      gsize length = 0;
      const char *data = g_bytes_get_data (bytes, &length);

      if (!ik_file_store_write (path, data, length, error))
        {
          for (guint i = 0; i < created->len; i++)
            g_unlink (g_ptr_array_index (created, i));
          return FALSE;
        }
      if (!existed)
        g_ptr_array_add (created, (gpointer) path);
    }
  return TRUE;
}

/**
 * ik_plan_export_panel:
 * @plans: (element-type IkSession): the plans of ik_plan_new_panel()
 * @folder: a local folder
 * @error: return location for an error
 *
 * Writes one `.ikplan.json` per plan into @folder (ik_plan_file_name()),
 * each atomically. When one cannot be written, the files this export
 * created are removed again and @error says why. Blocks on the disk: the
 * UI calls ik_plan_export_panel_async().
 *
 * Returns: whether every file was written
 */
gboolean
ik_plan_export_panel (GPtrArray  *plans,
                      GFile      *folder,
                      GError    **error)
{
  PanelJob *job;
  gboolean ok;

  g_return_val_if_fail (plans != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = panel_job_new (plans, folder, error);
  if (job == NULL)
    return FALSE;
  ok = panel_job_write (job, error);
  panel_job_free (job);
  return ok;
}

static void
panel_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (panel_job_write (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ik_plan_export_panel_async:
 * @plans: (element-type IkSession): the plans of ik_plan_new_panel()
 * @folder: a local folder
 * @cancellable: (nullable): stops the export before the first write
 *
 * ik_plan_export_panel(): the plans are serialised now, in the caller's
 * thread, and written in a worker thread.
 */
void
ik_plan_export_panel_async (GPtrArray           *plans,
                            GFile               *folder,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  PanelJob *job;

  g_return_if_fail (plans != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_plan_export_panel_async);
  g_task_set_name (task, "[interview-kit] plan files");
  job = panel_job_new (plans, folder, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) panel_job_free);
  /* Files written before the cancellation came are reported as written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, panel_thread);
}

/**
 * ik_plan_export_panel_finish:
 *
 * Returns: whether every file was written
 */
gboolean
ik_plan_export_panel_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_plan_export_panel_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ik_plan_read_file:
 * @file: a `.ikplan.json` file a colleague sent
 * @cancellable: (nullable): stops the read
 * @error: return location for an error
 *
 * Reads a plan file: a regular file of at most %IK_LIMIT_FILE_SIZE (what
 * ik_planner_plan_to_data() writes at most), then
 * ik_planner_session_new_from_plan().
 *
 * Returns: (transfer full) (nullable): a new planned session, not in any
 *   library, or %NULL with @error set
 */
IkSession *
ik_plan_read_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
      || g_file_info_get_size (info) > IK_LIMIT_FILE_SIZE)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("This is not a plan file: it is not a regular file of at most %d MB"),
                   IK_LIMIT_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;
  return ik_planner_session_new_from_plan (data, length, NULL, error);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  IkSession *session = ik_plan_read_file (task_data, cancellable, &error);

  if (session != NULL)
    g_task_return_pointer (task, session, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * ik_plan_read_file_async:
 * @file: a `.ikplan.json` file a colleague sent
 * @cancellable: (nullable): stops the read
 *
 * ik_plan_read_file() in a worker thread: the file may sit on a slow or
 * network folder, and a hostile one is read up to %IK_LIMIT_FILE_SIZE.
 */
void
ik_plan_read_file_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_plan_read_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

/**
 * ik_plan_read_file_finish:
 *
 * Returns: (transfer full) (nullable): the planned session, or %NULL with
 *   @error set
 */
IkSession *
ik_plan_read_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_plan_read_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
