/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-team-scorecard.c: one interviewer's submitted scorecard for one
 * candidate, as the team sees it.
 *
 * This unit only turns a session into the payload that gets signed and
 * back. The payload is the one thing a signature covers, so everything the
 * debrief shows comes from it: never from the file's name or wrapper. */
#include "config.h"

#include "ik-team-scorecard.h"

#include <glib/gi18n-lib.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-question-record.h"
#include "ik-question.h"

struct _IkTeamScorecard
{
  GObject           parent_instance;

  char             *interviewer_id;
  char             *interviewer_name;
  char             *candidate_id;
  char             *candidate_name;
  char             *role;
  IkSeniority       seniority;
  char             *session_id;
  char             *bank_title;
  GDateTime        *published;
  gboolean          notes_shared;
  GPtrArray        *questions;   /* IkTeamQuestion */
  IkScorecard      *scorecard;

  IkSignatureState  signature_state;
  char             *public_key;
  char             *path;
};

G_DEFINE_FINAL_TYPE (IkTeamScorecard, ik_team_scorecard, G_TYPE_OBJECT)

static void
team_question_free (gpointer data)
{
  IkTeamQuestion *question = data;

  g_free (question->id);
  g_free (question->text);
  g_free (question->notes);
  g_free (question);
}

static void
ik_team_scorecard_finalize (GObject *object)
{
  IkTeamScorecard *self = IK_TEAM_SCORECARD (object);

  g_free (self->interviewer_id);
  g_free (self->interviewer_name);
  g_free (self->candidate_id);
  g_free (self->candidate_name);
  g_free (self->role);
  g_free (self->session_id);
  g_free (self->bank_title);
  g_clear_pointer (&self->published, g_date_time_unref);
  g_ptr_array_unref (self->questions);
  g_clear_object (&self->scorecard);
  g_free (self->public_key);
  g_free (self->path);

  G_OBJECT_CLASS (ik_team_scorecard_parent_class)->finalize (object);
}

static void
ik_team_scorecard_class_init (IkTeamScorecardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_team_scorecard_finalize;
}

static void
ik_team_scorecard_init (IkTeamScorecard *self)
{
  self->questions = g_ptr_array_new_with_free_func (team_question_free);
  self->seniority = IK_SENIORITY_MID;
  self->signature_state = IK_SIGNATURE_VALID;
  self->interviewer_id = g_strdup ("");
  self->interviewer_name = g_strdup ("");
  self->candidate_id = g_strdup ("");
  self->candidate_name = g_strdup ("");
  self->role = g_strdup ("");
  self->session_id = g_strdup ("");
  self->bank_title = g_strdup ("");
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
}

/**
 * ik_team_scorecard_new_from_session:
 * @session: a session whose scorecard is submitted
 * @interviewer_id: the publishing interviewer's id (ik_identity_get_id())
 * @interviewer_name: the name the team knows them by
 * @share_notes: whether the notes taken per question go with it
 * @published: (nullable): when it is published (now if %NULL)
 *
 * Takes a snapshot of what the team sees of @session: candidate, questions
 * asked (with their notes only if @share_notes) and the scorecard with its
 * revisions. Later changes to @session do not reach it.
 *
 * Returns: (transfer full) (nullable): a new team scorecard, or %NULL if
 *   the scorecard is not submitted
 */
IkTeamScorecard *
ik_team_scorecard_new_from_session (IkSession  *session,
                                    const char *interviewer_id,
                                    const char *interviewer_name,
                                    gboolean    share_notes,
                                    GDateTime  *published)
{
  g_autoptr(IkTeamScorecard) self = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  IkScorecard *scorecard;
  GListModel *records;

  g_return_val_if_fail (IK_IS_SESSION (session), NULL);
  g_return_val_if_fail (interviewer_id != NULL, NULL);

  scorecard = ik_session_get_scorecard (session);
  if (ik_scorecard_get_submitted (scorecard) == NULL)
    return NULL;

  self = g_object_new (IK_TYPE_TEAM_SCORECARD, NULL);
  set_text (&self->interviewer_id, interviewer_id);
  set_text (&self->interviewer_name, interviewer_name);
  set_text (&self->candidate_id, ik_session_get_candidate_id (session));
  set_text (&self->candidate_name, ik_session_get_candidate_name (session));
  set_text (&self->role, ik_session_get_role (session));
  self->seniority = ik_session_get_seniority (session);
  set_text (&self->session_id, ik_session_get_id (session));
  set_text (&self->bank_title, ik_session_get_bank_title (session));
  self->published = published != NULL ? g_date_time_ref (published) : g_date_time_new_now_utc ();
  self->notes_shared = share_notes;

  records = ik_session_get_records (session);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *question = ik_question_record_get_question (record);
      IkTeamQuestion *entry = g_new0 (IkTeamQuestion, 1);
      const char *notes = ik_question_record_get_notes (record);

      entry->id = g_strdup (ik_question_get_id (question));
      entry->text = g_strdup (ik_question_get_text (question));
      if (share_notes && notes != NULL && notes[0] != '\0')
        entry->notes = g_strdup (notes);
      g_ptr_array_add (self->questions, entry);
    }

  /* A copy through JSON: the same reader a colleague's copy goes through. */
  b = json_builder_new ();
  ik_scorecard_to_json (scorecard, b);
  node = json_builder_get_root (b);
  self->scorecard = ik_scorecard_new_from_json (json_node_get_object (node), &error);
  if (self->scorecard == NULL)
    {
      g_warning ("A submitted scorecard could not be copied: %s", error->message);
      return NULL;
    }
  ik_scorecard_set_context (self->scorecard, self->session_id, self->candidate_id);

  return g_steal_pointer (&self);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

/**
 * ik_team_scorecard_to_payload:
 * @self: a team scorecard
 *
 * The payload the interviewer signs: compact JSON, members in a fixed order
 * (ik-team-scorecard.h).
 *
 * Returns: (transfer full) (nullable): the payload, or %NULL if it could not
 *   be written (text that is not UTF-8)
 */
char *
ik_team_scorecard_to_payload (IkTeamScorecard *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *published = NULL;
  GString *out;

  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);

  published = ik_json_format_time (self->published);
  json_builder_begin_object (b);
  add_string (b, "interviewer_id", self->interviewer_id);
  add_string (b, "interviewer_name", self->interviewer_name);
  add_string (b, "candidate_id", self->candidate_id);
  add_string (b, "candidate_name", self->candidate_name);
  add_string (b, "role", self->role);
  add_string (b, "seniority", ik_enum_to_nick (IK_TYPE_SENIORITY, self->seniority));
  add_string (b, "session_id", self->session_id);
  add_string (b, "bank_title", self->bank_title);
  add_string (b, "published", published);
  json_builder_set_member_name (b, "notes_shared");
  json_builder_add_boolean_value (b, self->notes_shared);
  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->questions->len; i++)
    {
      IkTeamQuestion *question = g_ptr_array_index (self->questions, i);

      json_builder_begin_object (b);
      add_string (b, "id", question->id);
      add_string (b, "text", question->text);
      if (question->notes != NULL)
        add_string (b, "notes", question->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "scorecard");
  ik_scorecard_to_json (self->scorecard, b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  out = g_string_new (NULL);
  if (!ik_json_write (out, root, IK_JSON_WRITE_COMPACT, &error))
    {
      g_debug ("A team scorecard payload could not be written: %s", error->message);
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * ik_team_scorecard_new_from_payload:
 * @payload: the signed payload
 * @length: its length in bytes
 * @error: return location for an error
 *
 * Reads a payload with the checks of every file the app reads (size, UTF-8,
 * nesting, types): ids must be valid ids and the scorecard must be
 * submitted. The signature state is %IK_SIGNATURE_VALID until the caller
 * sets it.
 *
 * Returns: (transfer full) (nullable): the team scorecard, or %NULL with
 *   @error set
 */
IkTeamScorecard *
ik_team_scorecard_new_from_payload (const char  *payload,
                                    gsize        length,
                                    GError     **error)
{
  g_autoptr(IkTeamScorecard) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonObject *scorecard = NULL;
  JsonArray *questions = NULL;
  int seniority = IK_SENIORITY_MID;
  guint line = 0, column = 0;

  g_return_val_if_fail (payload != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = ik_json_parse (payload, length, &line, &column, error);
  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);

  self = g_object_new (IK_TYPE_TEAM_SCORECARD, NULL);
  g_clear_pointer (&self->interviewer_id, g_free);
  g_clear_pointer (&self->candidate_id, g_free);
  g_clear_pointer (&self->interviewer_name, g_free);
  g_clear_pointer (&self->candidate_name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->bank_title, g_free);
  if (!ik_json_get_id (o, "interviewer_id", TRUE, &self->interviewer_id, error)
      || !ik_json_get_id (o, "candidate_id", TRUE, &self->candidate_id, error)
      || !ik_json_get_string (o, "interviewer_name", TRUE, &self->interviewer_name, error)
      || !ik_json_get_string (o, "candidate_name", TRUE, &self->candidate_name, error)
      || !ik_json_get_string (o, "role", FALSE, &self->role, error)
      || !ik_json_get_enum (o, "seniority", FALSE, IK_TYPE_SENIORITY, &seniority, error)
      || !ik_json_get_string (o, "session_id", FALSE, &self->session_id, error)
      || !ik_json_get_string (o, "bank_title", FALSE, &self->bank_title, error)
      || !ik_json_get_time (o, "published", TRUE, &self->published, error)
      || !ik_json_get_bool (o, "notes_shared", FALSE, &self->notes_shared, error)
      || !ik_json_get_array (o, "questions", FALSE, &questions, error)
      || !ik_json_get_object (o, "scorecard", TRUE, &scorecard, error))
    return NULL;
  self->seniority = seniority;
  /* Optional text members read as NULL when absent. */
  if (self->role == NULL)
    self->role = g_strdup ("");
  if (self->session_id == NULL)
    self->session_id = g_strdup ("");
  if (self->bank_title == NULL)
    self->bank_title = g_strdup ("");

  if (questions != NULL)
    {
      if (json_array_get_length (questions) > IK_LIMIT_SESSION_RECORDS)
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                       ngettext ("A published scorecard lists more than %d question",
                                 "A published scorecard lists more than %d questions",
                                 IK_LIMIT_SESSION_RECORDS),
                       IK_LIMIT_SESSION_RECORDS);
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (questions); i++)
        {
          JsonNode *node = json_array_get_element (questions, i);
          g_autofree char *id = NULL;
          g_autofree char *text = NULL;
          g_autofree char *notes = NULL;
          IkTeamQuestion *question;
          JsonObject *q;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("Question %u of a published scorecard is not an object"), i + 1);
              return NULL;
            }
          q = json_node_get_object (node);
          if (!ik_json_get_id (q, "id", TRUE, &id, error)
              || !ik_json_get_string (q, "text", TRUE, &text, error)
              || !ik_json_get_string (q, "notes", FALSE, &notes, error))
            return NULL;
          question = g_new0 (IkTeamQuestion, 1);
          question->id = g_steal_pointer (&id);
          question->text = g_steal_pointer (&text);
          question->notes = g_steal_pointer (&notes);
          g_ptr_array_add (self->questions, question);
        }
    }

  self->scorecard = ik_scorecard_new_from_json (scorecard, error);
  if (self->scorecard == NULL)
    return NULL;
  ik_scorecard_set_context (self->scorecard, self->session_id, self->candidate_id);
  if (ik_scorecard_get_submitted (self->scorecard) == NULL)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                   _("A published scorecard must be submitted"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ik_team_scorecard_new_unreadable:
 * @candidate_id: the candidate folder the file is in
 * @interviewer_id: the interviewer its name gives
 * @path: the file
 *
 * Returns: (transfer full): an %IK_SIGNATURE_ALTERED entry with an empty,
 *   unsubmitted scorecard, for a file that is not a signed scorecard
 */
IkTeamScorecard *
ik_team_scorecard_new_unreadable (const char *candidate_id,
                                  const char *interviewer_id,
                                  const char *path)
{
  IkTeamScorecard *self = g_object_new (IK_TYPE_TEAM_SCORECARD, NULL);

  set_text (&self->candidate_id, candidate_id);
  set_text (&self->interviewer_id, interviewer_id);
  self->path = g_strdup (path);
  self->scorecard = ik_scorecard_new ();
  self->signature_state = IK_SIGNATURE_ALTERED;
  return self;
}

const char *
ik_team_scorecard_get_interviewer_id (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->interviewer_id;
}

const char *
ik_team_scorecard_get_interviewer_name (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->interviewer_name;
}

const char *
ik_team_scorecard_get_candidate_id (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->candidate_id;
}

const char *
ik_team_scorecard_get_candidate_name (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->candidate_name;
}

const char *
ik_team_scorecard_get_role (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->role;
}

IkSeniority
ik_team_scorecard_get_seniority (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), IK_SENIORITY_MID);
  return self->seniority;
}

const char *
ik_team_scorecard_get_session_id (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->session_id;
}

const char *
ik_team_scorecard_get_bank_title (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->bank_title;
}

/**
 * ik_team_scorecard_get_published:
 *
 * Returns: (transfer none) (nullable): when it was published; %NULL for an
 *   unreadable file
 */
GDateTime *
ik_team_scorecard_get_published (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->published;
}

gboolean
ik_team_scorecard_get_notes_shared (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), FALSE);
  return self->notes_shared;
}

/**
 * ik_team_scorecard_get_questions:
 *
 * Returns: (transfer none) (element-type IkTeamQuestion): the questions in
 *   the order they were asked
 */
GPtrArray *
ik_team_scorecard_get_questions (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->questions;
}

/**
 * ik_team_scorecard_get_scorecard:
 *
 * Returns: (transfer none): the scorecard, submitted and so read-only
 *   (empty and unsubmitted for an unreadable file)
 */
IkScorecard *
ik_team_scorecard_get_scorecard (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->scorecard;
}

IkSignatureState
ik_team_scorecard_get_signature_state (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), IK_SIGNATURE_ALTERED);
  return self->signature_state;
}

void
ik_team_scorecard_set_signature_state (IkTeamScorecard  *self,
                                       IkSignatureState  state)
{
  g_return_if_fail (IK_IS_TEAM_SCORECARD (self));
  self->signature_state = state;
}

/**
 * ik_team_scorecard_get_public_key:
 *
 * Returns: (nullable): the key the file says signed it (base64)
 */
const char *
ik_team_scorecard_get_public_key (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->public_key;
}

void
ik_team_scorecard_set_public_key (IkTeamScorecard *self,
                                  const char      *public_key)
{
  g_return_if_fail (IK_IS_TEAM_SCORECARD (self));
  g_free (self->public_key);
  self->public_key = g_strdup (public_key);
}

/**
 * ik_team_scorecard_get_path:
 *
 * Returns: (nullable): the file it was read from
 */
const char *
ik_team_scorecard_get_path (IkTeamScorecard *self)
{
  g_return_val_if_fail (IK_IS_TEAM_SCORECARD (self), NULL);
  return self->path;
}

void
ik_team_scorecard_set_path (IkTeamScorecard *self,
                            const char      *path)
{
  g_return_if_fail (IK_IS_TEAM_SCORECARD (self));
  g_free (self->path);
  self->path = g_strdup (path);
}
