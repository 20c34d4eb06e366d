/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-document.c: the check a document passes before it is saved.
 *
 * The guarantee comes from running the load's own reader (ik_json_parse,
 * then ik_bank_new_from_json or ik_session_new_from_json) on the bytes.
 * Its messages name JSON paths ("records[2].notes: the text is too long"),
 * which mean nothing to an interviewer, so the limits of ik-limits.h are
 * first looked up in the tree with the tables below, whose messages say
 * what to shorten. Anything the tables miss still fails in the reader.
 *
 * Safe from any thread: no globals, no main context.
 */
#include "config.h"

#include "ik-document.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-bank.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-session.h"

typedef enum
{
  LIMIT_END,
  LIMIT_TEXT,      /* a string longer than max bytes */
  LIMIT_COUNT,     /* an array with more than max elements */
  LIMIT_EACH,      /* the object(s) at path, checked with table */
} LimitKind;

typedef struct Limit Limit;

/* path: member names separated by dots; "name[]" stands for every element
 * of the array "name". The first "[]" numbers the item a message names
 * ("question %u"); messages of numbered items take (guint, const char *),
 * the others (const char *), the limit written out. */
struct Limit
{
  LimitKind    kind;
  const char  *path;
  guint        max;
  const Limit *table;
  const char  *message;
  const char  *message_plural;  /* for LIMIT_COUNT: chosen by max */
};

#define TEXT(path, message) { LIMIT_TEXT, path, IK_LIMIT_TEXT_LENGTH, NULL, message }
#define COUNT(path, max, messages) { LIMIT_COUNT, path, max, NULL, messages }
/* Marks a singular and plural for xgettext (--keyword=NP_:1,2 in
 * po/meson.build), as the two last members of a Limit. */
#define NP_(singular, plural) singular, plural
#define EACH(path, table) { LIMIT_EACH, path, 0, table, NULL }
#define END { LIMIT_END, NULL, 0, NULL, NULL }

/* A question, in a bank or as the snapshot of an interview's record. */
static const Limit question_limits[] = {
  TEXT ("text", N_("The text of question %u is longer than %s")),
  COUNT ("areas", IK_LIMIT_QUESTION_LIST_LENGTH,
         NP_("Question %u has more than %s area to cover",
             "Question %u has more than %s areas to cover")),
  TEXT ("areas[]", N_("An area to cover of question %u is longer than %s")),
  COUNT ("follow_ups", IK_LIMIT_QUESTION_LIST_LENGTH,
         NP_("Question %u has more than %s follow-up question",
             "Question %u has more than %s follow-up questions")),
  TEXT ("follow_ups[]", N_("A follow-up question of question %u is longer than %s")),
  COUNT ("competencies", IK_LIMIT_QUESTION_LIST_LENGTH,
         NP_("Question %u has more than %s competency",
             "Question %u has more than %s competencies")),
  COUNT ("tags", IK_LIMIT_QUESTION_LIST_LENGTH,
         NP_("Question %u has more than %s tag",
             "Question %u has more than %s tags")),
  TEXT ("tags[]", N_("A tag of question %u is longer than %s")),
  END
};

static const Limit competency_limits[] = {
  TEXT ("name", N_("The name of competency %u is longer than %s")),
  TEXT ("description", N_("The description of competency %u is longer than %s")),
  TEXT ("anchors[].text", N_("A rating anchor of competency %u is longer than %s")),
  TEXT ("anchors[].junior", N_("A rating anchor of competency %u is longer than %s")),
  TEXT ("anchors[].mid", N_("A rating anchor of competency %u is longer than %s")),
  TEXT ("anchors[].senior", N_("A rating anchor of competency %u is longer than %s")),
  TEXT ("anchors[].lead", N_("A rating anchor of competency %u is longer than %s")),
  END
};

static const Limit bank_limits[] = {
  TEXT ("title", N_("The title is longer than %s")),
  TEXT ("description", N_("The description is longer than %s")),
  COUNT ("questions", IK_LIMIT_BANK_ITEMS,
         NP_("The bank has more than %s question",
             "The bank has more than %s questions")),
  COUNT ("competencies", IK_LIMIT_BANK_ITEMS,
         NP_("The bank has more than %s competency",
             "The bank has more than %s competencies")),
  COUNT ("guidance", IK_LIMIT_BANK_ITEMS,
         NP_("The bank has more than %s guidance entry",
             "The bank has more than %s guidance entries")),
  EACH ("questions[]", question_limits),
  EACH ("competencies[]", competency_limits),
  TEXT ("guidance[].question", N_("Guidance question %u is longer than %s")),
  TEXT ("guidance[].answer", N_("The answer to guidance question %u is longer than %s")),
  END
};

static const Limit session_limits[] = {
  TEXT ("candidate_name", N_("The candidate’s name is longer than %s")),
  TEXT ("candidate_id", N_("The candidate’s id is longer than %s")),
  TEXT ("role", N_("The role is longer than %s")),
  TEXT ("interviewer", N_("The interviewer’s name is longer than %s")),
  TEXT ("bank_title", N_("The title of the question bank is longer than %s")),
  COUNT ("records", IK_LIMIT_SESSION_RECORDS,
         NP_("The interview has more than %s question",
             "The interview has more than %s questions")),
  TEXT ("records[].notes", N_("The notes of question %u are longer than %s")),
  EACH ("records[].question", question_limits),
  TEXT ("scorecard.summary", N_("The scorecard’s summary is longer than %s")),
  COUNT ("scorecard.ratings", IK_LIMIT_SCORECARD_RATINGS,
         NP_("The scorecard rates more than %s competency",
             "The scorecard rates more than %s competencies")),
  TEXT ("scorecard.ratings[].evidence", N_("The evidence for competency %u is longer than %s")),
  TEXT ("scorecard.ratings[].competency_name", N_("The name of competency %u is longer than %s")),
  COUNT ("scorecard.revisions", IK_LIMIT_SCORECARD_REVISIONS,
         NP_("The scorecard has more than %s amendment",
             "The scorecard has more than %s amendments")),
  TEXT ("scorecard.revisions[].reason", N_("The reason for amendment %u is longer than %s")),
  COUNT ("retention_changes", IK_SESSION_MAX_RETENTION_CHANGES,
         NP_("The retention date was changed more than %s time",
             "The retention date was changed more than %s times")),
  TEXT ("retention_changes[].reason", N_("The reason for retention change %u is longer than %s")),
  END
};

#undef TEXT
#undef COUNT
#undef EACH
#undef END
#undef NP_

static gboolean check_table (JsonNode *node, const Limit *table, guint number, GError **error);

/* The formats come from the tables above, all of the two shapes described
 * there, so they cannot be literals at the call. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
set_limit_error (GError      **error,
                 const Limit  *limit,
                 guint         number)
{
  g_autofree char *max = NULL;
  const char *message;

  if (limit->kind == LIMIT_TEXT)
    max = g_format_size_full (limit->max, G_FORMAT_SIZE_IEC_UNITS);
  else
    max = g_strdup_printf ("%'u", limit->max);

  if (limit->message_plural != NULL)
    message = ngettext (limit->message, limit->message_plural, limit->max);
  else
    message = _(limit->message);
  if (number > 0)
    g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE, message, number, max);
  else
    g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE, message, max);
}
#pragma GCC diagnostic pop

static gboolean
check_leaf (JsonNode     *node,
            const Limit  *limit,
            guint         number,
            GError      **error)
{
  switch (limit->kind)
    {
    case LIMIT_TEXT:
      if (JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING
          && strlen (json_node_get_string (node)) > limit->max)
        {
          set_limit_error (error, limit, number);
          return FALSE;
        }
      return TRUE;

    case LIMIT_COUNT:
      if (JSON_NODE_HOLDS_ARRAY (node)
          && json_array_get_length (json_node_get_array (node)) > limit->max)
        {
          set_limit_error (error, limit, number);
          return FALSE;
        }
      return TRUE;

    case LIMIT_EACH:
      return check_table (node, limit->table, number, error);

    case LIMIT_END:
    default:
      g_assert_not_reached ();
    }
}

/* Applies @limit to what @path names below @node. Members that are absent
 * or of another type are left to the reader, which names them. */
static gboolean
check_path (JsonNode     *node,
            const char   *path,
            const Limit  *limit,
            guint         number,
            GError      **error)
{
  const char *dot = strchr (path, '.');
  gsize len = dot != NULL ? (gsize) (dot - path) : strlen (path);
  gboolean each = len > 2 && path[len - 2] == '[' && path[len - 1] == ']';
  g_autofree char *name = g_strndup (path, each ? len - 2 : len);
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL)
    return TRUE;

  if (!each)
    return dot == NULL ? check_leaf (member, limit, number, error)
                       : check_path (member, dot + 1, limit, number, error);

  if (JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *array = json_node_get_array (member);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          guint element_number = number > 0 ? number : i + 1;

          if (dot == NULL ? !check_leaf (element, limit, element_number, error)
                          : !check_path (element, dot + 1, limit, element_number, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_table (JsonNode     *node,
             const Limit  *table,
             guint         number,
             GError      **error)
{
  for (const Limit *limit = table; limit->kind != LIMIT_END; limit++)
    if (!check_path (node, limit->path, limit, number, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_document (const char   *data,
                gsize         len,
                gboolean      is_bank,
                GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GError) local_error = NULL;

  if (len > IK_LIMIT_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *max = g_format_size_full (IK_LIMIT_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   is_bank ? _("The question bank is too large to save (%s, at most %s)")
                           : _("The interview is too large to save (%s, at most %s)"),
                   size, max);
      return FALSE;
    }

  root = ik_json_parse (data, len, NULL, NULL, &local_error);
  if (root != NULL && !check_table (root, is_bank ? bank_limits : session_limits, 0, error))
    return FALSE;

  if (root != NULL)
    {
      if (is_bank)
        object = (GObject *) ik_bank_new_from_json (root, &local_error);
      else
        object = (GObject *) ik_session_new_from_json (root, &local_error);
    }
  if (object == NULL)
    {
      g_set_error (error, IK_JSON_ERROR, local_error->code,
                   is_bank ? _("The question bank could not be read back once saved: %s")
                           : _("The interview could not be read back once saved: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ik_document_check_bank:
 * @data: the bytes about to be saved
 * @len: their length
 * @error: return location for a message for users that names the limit
 *
 * Runs exactly the reader of the library's load (ik_json_parse(), then
 * ik_bank_new_from_json()), so what fails here would be refused at the
 * next start and must not be written. Thread-safe.
 *
 * Returns: %TRUE when the load accepts @data
 */
gboolean
ik_document_check_bank (const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_document (data, len, TRUE, error);
}

/**
 * ik_document_check_session:
 * @data: the bytes about to be saved
 * @len: their length
 * @error: return location for a message for users that names the limit,
 *   e.g. "The notes of question 3 are longer than 1.0 MiB"
 *
 * Like ik_document_check_bank(), with ik_session_new_from_json().
 *
 * Returns: %TRUE when the load accepts @data
 */
gboolean
ik_document_check_session (const char  *data,
                           gsize        len,
                           GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_document (data, len, FALSE, error);
}
