/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-planner.h"
#include "ik-question-record.h"

/**
 * ik_planner_question_minutes:
 * @question: a question
 *
 * Returns: the minutes to plan for @question: its suggested minutes, or
 *   %IK_PLANNER_DEFAULT_MINUTES when it suggests none.
 */
guint
ik_planner_question_minutes (IkQuestion *question)
{
  guint minutes;

  g_return_val_if_fail (IK_IS_QUESTION (question), IK_PLANNER_DEFAULT_MINUTES);

  minutes = ik_question_get_minutes (question);
  return minutes > 0 ? minutes : IK_PLANNER_DEFAULT_MINUTES;
}

/* The competencies of a bank in a stable order: the bank's own list, then any
 * id a question names that the list lacks. */
static GPtrArray *
collect_competencies (IkBank *bank)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GListModel *competencies = ik_bank_get_competencies (bank);
  GListModel *questions = ik_bank_get_questions (bank);

  for (guint i = 0; i < g_list_model_get_n_items (competencies); i++)
    {
      g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, i);
      const char *id = ik_competency_get_id (competency);

      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);
      const char * const *comps = ik_question_get_competencies (question);

      for (guint j = 0; comps != NULL && comps[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (ids, comps[j], g_str_equal, NULL))
          g_ptr_array_add (ids, g_strdup (comps[j]));
    }

  return ids;
}

static guint
lookup_count (GHashTable *counts,
              const char *key)
{
  if (counts == NULL || key == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
}

static void
increment_count (GHashTable *counts,
                 const char *key)
{
  guint n = lookup_count (counts, key);

  g_hash_table_replace (counts, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

/* Counts the distinct competencies of @question covered fewer than @below
 * times in @counts; a competency named twice counts once. */
static guint
count_competencies (IkQuestion *question,
                    GHashTable *counts,
                    guint       below)
{
  const char * const *comps = ik_question_get_competencies (question);
  guint n = 0;

  for (guint i = 0; comps != NULL && comps[i] != NULL; i++)
    {
      gboolean duplicate = FALSE;

      for (guint j = 0; j < i; j++)
        if (g_str_equal (comps[i], comps[j]))
          duplicate = TRUE;
      if (!duplicate && lookup_count (counts, comps[i]) < below)
        n++;
    }
  return n;
}

static void
add_coverage (IkQuestion *question,
              GHashTable *counts)
{
  const char * const *comps = ik_question_get_competencies (question);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; comps != NULL && comps[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) comps[i]))
      increment_count (counts, comps[i]);
}

/**
 * ik_planner_suggest:
 * @bank: the bank to choose from
 * @duration: the length of the interview in minutes
 * @opening: minutes kept free at the start (introductions)
 * @closing: minutes kept free at the end (the candidate's questions)
 * @usage: (nullable) (element-type utf8 guint): question id → how many times
 *   this interviewer already asked it, as from ik_planner_count_usage()
 *
 * Suggests the questions of one interview. The questions' minutes (see
 * ik_planner_question_minutes()) never add up to more than @duration minus
 * the opening and closing buffers. Questions are picked greedily: first the
 * one adding the most competencies not yet covered, then the one used least
 * by this interviewer, then the one adding a second look at the most
 * competencies seen only once; remaining ties go to the earlier question of
 * the bank, so the same input always gives the same plan.
 *
 * Returns: (transfer full) (element-type IkQuestion): the questions in the
 *   order they were picked, possibly empty.
 */
GPtrArray *
ik_planner_suggest (IkBank     *bank,
                    guint       duration,
                    guint       opening,
                    guint       closing,
                    GHashTable *usage)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *questions;
  guint n_questions;
  g_autofree gboolean *used = NULL;
  guint remaining;

  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  questions = ik_bank_get_questions (bank);
  n_questions = g_list_model_get_n_items (questions);
  used = g_new0 (gboolean, MAX (n_questions, 1));
  remaining = (guint64) opening + closing < duration ? duration - opening - closing : 0;

  for (;;)
    {
      int best = -1;
      guint best_new = 0, best_use = 0, best_second = 0;

      for (guint i = 0; i < n_questions; i++)
        {
          g_autoptr(IkQuestion) question = NULL;
          guint new_count, use, second;

          if (used[i])
            continue;
          question = g_list_model_get_item (questions, i);
          if (ik_planner_question_minutes (question) > remaining)
            continue;

          new_count = count_competencies (question, coverage, 1);
          use = lookup_count (usage, ik_question_get_id (question));
          second = count_competencies (question, coverage, 2) - new_count;

          if (best < 0
              || new_count > best_new
              || (new_count == best_new && use < best_use)
              || (new_count == best_new && use == best_use && second > best_second))
            {
              best = i;
              best_new = new_count;
              best_use = use;
              best_second = second;
            }
        }

      if (best < 0)
        break;

      {
        IkQuestion *question = g_list_model_get_item (questions, best);

        used[best] = TRUE;
        remaining -= ik_planner_question_minutes (question);
        add_coverage (question, coverage);
        g_ptr_array_add (chosen, question);
      }
    }

  return g_steal_pointer (&chosen);
}

/**
 * ik_planner_split_panel:
 * @bank: the bank to split
 * @n_interviewers: the size of the panel, 1 to %IK_PLANNER_MAX_PANEL
 * @budget: the minutes each interviewer has for questions, or 0 to hand out
 *   every question of the bank
 * @out_uncovered: (out) (optional) (transfer full): the ids of the
 *   competencies no slice covers (an empty vector when all are covered)
 *
 * Splits the questions of @bank between the interviewers of a panel meeting
 * the same candidate. No question is in two slices. The interviewers pick in
 * turn; each picks the question (fitting their remaining minutes) that covers
 * the most competencies nobody covers yet, then the most competencies covered
 * fewer than twice when the bank has at least two questions for them, then
 * the most competencies new to this interviewer, then the earliest in the
 * bank. So every competency is covered once when the time allows, and twice
 * where the bank has enough questions, and the split is deterministic.
 *
 * Returns: (transfer full) (element-type GPtrArray): @n_interviewers arrays
 *   of #IkQuestion, one per interviewer, in the order the questions were
 *   picked.
 */
GPtrArray *
ik_planner_split_panel (IkBank *bank,
                        guint   n_interviewers,
                        guint   budget,
                        GStrv  *out_uncovered)
{
  g_autoptr(GPtrArray) slices = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GHashTable) coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) available = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) saturated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) personal = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree guint *remaining = NULL;
  g_autofree gboolean *used = NULL;
  GListModel *questions;
  guint n_questions;
  gboolean progress = TRUE;

  g_return_val_if_fail (IK_IS_BANK (bank), NULL);
  g_return_val_if_fail (n_interviewers >= 1 && n_interviewers <= IK_PLANNER_MAX_PANEL, NULL);

  questions = ik_bank_get_questions (bank);
  n_questions = g_list_model_get_n_items (questions);
  used = g_new0 (gboolean, MAX (n_questions, 1));
  remaining = g_new0 (guint, n_interviewers);
  competencies = collect_competencies (bank);

  slices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint k = 0; k < n_interviewers; k++)
    {
      g_ptr_array_add (slices, g_ptr_array_new_with_free_func (g_object_unref));
      g_ptr_array_add (personal, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
      remaining[k] = budget > 0 ? budget : G_MAXUINT;
    }

  /* How many questions assess each competency: a competency asked by one
   * question only cannot be covered twice, so it never asks for a second. */
  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);
      add_coverage (question, available);
    }
  for (guint c = 0; c < competencies->len; c++)
    {
      const char *id = g_ptr_array_index (competencies, c);

      /* A competency with fewer than two questions never asks for a
       * second coverage. */
      if (lookup_count (available, id) < 2)
        increment_count (saturated, id);
    }

  while (progress)
    {
      progress = FALSE;

      for (guint k = 0; k < n_interviewers; k++)
        {
          GHashTable *mine = g_ptr_array_index (personal, k);
          int best = -1;
          guint best_new = 0, best_second = 0, best_personal = 0;

          for (guint i = 0; i < n_questions; i++)
            {
              g_autoptr(IkQuestion) question = NULL;
              const char * const *comps;
              guint new_count, second = 0, personal_new;
              g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

              if (used[i])
                continue;
              question = g_list_model_get_item (questions, i);
              if (ik_planner_question_minutes (question) > remaining[k])
                continue;

              new_count = count_competencies (question, coverage, 1);
              comps = ik_question_get_competencies (question);
              for (guint j = 0; comps != NULL && comps[j] != NULL; j++)
                {
                  if (!g_hash_table_add (seen, (gpointer) comps[j]))
                    continue;
                  if (lookup_count (coverage, comps[j]) == 1 && lookup_count (saturated, comps[j]) == 0)
                    second++;
                }
              personal_new = count_competencies (question, mine, 1);

              if (best < 0
                  || new_count > best_new
                  || (new_count == best_new && second > best_second)
                  || (new_count == best_new && second == best_second && personal_new > best_personal))
                {
                  best = i;
                  best_new = new_count;
                  best_second = second;
                  best_personal = personal_new;
                }
            }

          if (best >= 0)
            {
              IkQuestion *question = g_list_model_get_item (questions, best);

              used[best] = TRUE;
              if (budget > 0)
                remaining[k] -= ik_planner_question_minutes (question);
              add_coverage (question, coverage);
              add_coverage (question, mine);
              g_ptr_array_add (g_ptr_array_index (slices, k), question);
              progress = TRUE;
            }
        }
    }

  if (out_uncovered != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint c = 0; c < competencies->len; c++)
        {
          const char *id = g_ptr_array_index (competencies, c);

          if (lookup_count (coverage, id) == 0)
            g_strv_builder_add (builder, id);
        }
      *out_uncovered = g_strv_builder_end (builder);
    }

  return g_steal_pointer (&slices);
}

/**
 * ik_planner_count_usage:
 * @sessions: (element-type IkSession): the sessions of the library
 * @interviewer: (nullable): the interviewer's name; %NULL or empty counts
 *   the sessions that name no interviewer
 *
 * Counts how often @interviewer planned each question, over every session
 * that names them (skipped questions do not count: they were not asked).
 *
 * Returns: (transfer full) (element-type utf8 guint): question id → count,
 *   for ik_planner_suggest().
 */
GHashTable *
ik_planner_count_usage (GListModel *sessions,
                        const char *interviewer)
{
  GHashTable *usage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *wanted = interviewer != NULL ? interviewer : "";

  g_return_val_if_fail (G_IS_LIST_MODEL (sessions), usage);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      const char *name = ik_session_get_interviewer (session);
      GListModel *records;

      if (g_strcmp0 (name != NULL ? name : "", wanted) != 0)
        continue;

      records = ik_session_get_records (session);
      for (guint j = 0; j < g_list_model_get_n_items (records); j++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, j);

          if (!ik_question_record_get_skipped (record))
            increment_count (usage, ik_question_get_id (ik_question_record_get_question (record)));
        }
    }

  return usage;
}

static void
add_string_member (JsonBuilder *b,
                   const char  *member,
                   const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

/**
 * ik_planner_plan_to_json:
 * @session: a planned session holding one interviewer's slice; its
 *   candidate id must be set (the panel's sessions share it)
 * @interviewer_index: the interviewer's position in the panel, from 0
 *
 * Describes @session as a plan document (format %IK_PLAN_FORMAT): the
 * candidate, role, seniority, bank, interviewer and a full snapshot of every
 * planned question, so the colleague receiving it needs neither the bank nor
 * anything else.
 *
 * Returns: (transfer full): the document's root.
 */
JsonNode *
ik_planner_plan_to_json (IkSession *session,
                         guint      interviewer_index)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GListModel *records;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (ik_id_is_valid (ik_session_get_candidate_id (session)), NULL);

  json_builder_begin_object (b);
  add_string_member (b, "format", IK_PLAN_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, IK_PLAN_FORMAT_VERSION);
  add_string_member (b, "candidate_id", ik_session_get_candidate_id (session));
  add_string_member (b, "candidate_name", ik_session_get_candidate_name (session));
  add_string_member (b, "role", ik_session_get_role (session));
  add_string_member (b, "seniority", ik_enum_to_nick (IK_TYPE_SENIORITY, ik_session_get_seniority (session)));
  if (ik_session_get_bank_id (session) != NULL && *ik_session_get_bank_id (session) != '\0')
    add_string_member (b, "bank_id", ik_session_get_bank_id (session));
  add_string_member (b, "bank_title", ik_session_get_bank_title (session));
  json_builder_set_member_name (b, "interviewer_index");
  json_builder_add_int_value (b, interviewer_index);
  add_string_member (b, "interviewer_name", ik_session_get_interviewer (session));
  json_builder_set_member_name (b, "duration");
  json_builder_add_int_value (b, ik_session_get_duration (session));
  ik_json_add_time (b, "scheduled", ik_session_get_scheduled (session));

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  records = ik_session_get_records (session);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);

      ik_question_to_json (ik_question_record_get_question (record), b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * ik_planner_plan_to_data:
 * @session: a planned session holding one interviewer's slice
 * @interviewer_index: the interviewer's position in the panel, from 0
 * @length: (out) (optional): the length of the returned data
 * @error: return location for an error
 *
 * Serialises ik_planner_plan_to_json() for a `.ikplan.json` file; write it
 * with ik_file_store_write() like every other file.
 *
 * Returns: (transfer full) (nullable): UTF-8 JSON, or %NULL with @error set.
 */
char *
ik_planner_plan_to_data (IkSession  *session,
                         guint       interviewer_index,
                         gsize      *length,
                         GError    **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (ik_id_is_valid (ik_session_get_candidate_id (session)), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = ik_planner_plan_to_json (session, interviewer_index);
  return ik_json_to_data (root, length, error);
}

/**
 * ik_planner_session_new_from_plan:
 * @data: the bytes of a plan file
 * @length: the length of @data
 * @out_interviewer_index: (out) (optional): the interviewer's position in
 *   the panel
 * @error: return location for an error
 *
 * Creates a planned session from a plan file a colleague sent: same
 * candidate id (so the panel's scorecards can be brought together), name,
 * role, seniority, bank and the questions of this interviewer's slice. The
 * data goes through the same checks as every file the app reads (size,
 * UTF-8, nesting, types); a plan of a newer major version is refused with
 * %IK_JSON_ERROR_NEWER_VERSION.
 *
 * Returns: (transfer full) (nullable): a new session in the planned state,
 *   not yet added to any library, or %NULL with @error set.
 */
IkSession *
ik_planner_session_new_from_plan (const char  *data,
                                  gsize        length,
                                  guint       *out_interviewer_index,
                                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) session = NULL;
  g_autofree char *format = NULL;
  g_autofree char *candidate_id = NULL;
  g_autofree char *candidate_name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *bank_id = NULL;
  g_autofree char *bank_title = NULL;
  g_autofree char *interviewer = NULL;
  g_autoptr(GDateTime) scheduled = NULL;
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = NULL;
  JsonObject *o;
  gint64 version = 0, index = 0, duration = IK_SESSION_DEFAULT_DURATION;
  int seniority = IK_SENIORITY_MID;
  guint line = 0, column = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = ik_json_parse (data, length, &line, &column, error);
  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);

  if (!ik_json_get_string (o, "format", TRUE, &format, error))
    return NULL;
  if (g_strcmp0 (format, IK_PLAN_FORMAT) != 0)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                   _("This is not an interview plan (format “%s”)"), format);
      return NULL;
    }
  if (!ik_json_get_int (o, "version", TRUE, 1, G_MAXINT32, &version, error))
    return NULL;
  if (version > IK_PLAN_FORMAT_VERSION)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION,
                   _("This plan was written by a newer version of Interview Kit (format version %d)"),
                   (int) version);
      return NULL;
    }

  if (!ik_json_get_id (o, "candidate_id", TRUE, &candidate_id, error)
      || !ik_json_get_string (o, "candidate_name", TRUE, &candidate_name, error)
      || !ik_json_get_string (o, "role", FALSE, &role, error)
      || !ik_json_get_enum (o, "seniority", FALSE, IK_TYPE_SENIORITY, &seniority, error)
      || !ik_json_get_id (o, "bank_id", FALSE, &bank_id, error)
      || !ik_json_get_string (o, "bank_title", FALSE, &bank_title, error)
      || !ik_json_get_int (o, "interviewer_index", FALSE, 0, IK_PLANNER_MAX_PANEL - 1, &index, error)
      || !ik_json_get_string (o, "interviewer_name", FALSE, &interviewer, error)
      || !ik_json_get_int (o, "duration", FALSE, 1, IK_SESSION_MAX_DURATION, &duration, error)
      || !ik_json_get_time (o, "scheduled", FALSE, &scheduled, error)
      || !ik_json_get_array (o, "questions", TRUE, &array, error))
    return NULL;

  if (json_array_get_length (array) > IK_SESSION_MAX_RECORDS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   ngettext ("The plan has more than %d question", "The plan has more than %d questions",
                             IK_SESSION_MAX_RECORDS),
                   IK_SESSION_MAX_RECORDS);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      IkQuestion *question;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("Question %u of the plan is not an object"), i + 1);
          return NULL;
        }
      question = ik_question_new_from_json (json_node_get_object (node), error);
      if (question == NULL)
        return NULL;
      g_ptr_array_add (questions, question);
    }

  session = ik_session_new ();
  if (!ik_session_set_candidate_id (session, candidate_id))
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("The plan’s candidate id is not valid"));
      return NULL;
    }
  ik_session_set_candidate_name (session, candidate_name);
  ik_session_set_role (session, role != NULL ? role : "");
  ik_session_set_seniority (session, seniority);
  if (bank_id != NULL)
    ik_session_set_bank_id (session, bank_id);
  ik_session_set_bank_title (session, bank_title != NULL ? bank_title : "");
  ik_session_set_interviewer (session, interviewer != NULL ? interviewer : "");
  ik_session_set_duration (session, (guint) duration);
  if (scheduled != NULL)
    ik_session_set_scheduled (session, scheduled);
  ik_session_set_state (session, IK_SESSION_STATE_PLANNED);
  for (guint i = 0; i < questions->len; i++)
    ik_session_add_question (session, g_ptr_array_index (questions, i));

  if (out_interviewer_index != NULL)
    *out_interviewer_index = (guint) index;

  return g_steal_pointer (&session);
}
