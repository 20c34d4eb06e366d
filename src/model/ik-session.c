/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ik-session.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

/**
 * IkSession:
 *
 * One interview: who, when, with which questions, the clock and the
 * scorecard.
 *
 * The clock is stored as the seconds counted before the last start
 * (IkSession:elapsed) plus the wall-clock time it was started
 * (IkSession:running-since, %NULL while paused). Nothing ticks in the model:
 * the displayed time is ik_session_get_elapsed_at() for the current time.
 * Because of that, a session whose clock was running when the application
 * was closed (or crashed) keeps counting from running-since when it is
 * opened again, exactly as a wall clock would: the interview did not stop
 * because the laptop did. The interviewer pauses the clock to stop it.
 *
 * A session loaded from a newer major format version is IkSession:read-only:
 * it can be shown and edited in memory, but the library never writes it.
 */
struct _IkSession
{
  GObject          parent_instance;

  char            *id;
  gboolean         read_only;

  char            *candidate_name;
  char            *candidate_id;
  char            *role;
  IkSeniority      seniority;
  char            *interviewer;
  GDateTime       *scheduled;
  guint            duration;
  IkSessionState   state;
  char            *bank_id;
  char            *bank_title;
  GDateTime       *keep_until;
  /* RetentionChange: why keep-until was changed by hand, oldest first. */
  GPtrArray       *retention_changes;
  /* The retention period keep_until was computed with in this run (0:
   * read from the file), so that it follows the interview's date. */
  guint            default_months;
  guint            current;

  gint64           elapsed;
  GDateTime       *running_since;

  GListStore      *records;
  IkScorecard     *scorecard;

  /* The body (records and scorecard) is not in memory: the library read
   * it, checked it and let it go (ik_session_unload_body()), keeping what
   * lists show; the body loader brings it back when first asked for. */
  gboolean         body_unloaded;
  /* The body loader could not bring the body back: the session shows an
   * empty one and must never be written. */
  gboolean         body_lost;
  IkSessionBodyLoader body_loader;
  gpointer         body_loader_data;
  guint            unloaded_n_records;
  gboolean         unloaded_altered;
  GDateTime       *unloaded_submitted;
  char           **unloaded_question_ids;

  JsonObject      *unknown;

  /* Set during ik_session_update_from(): the children's changes are part
   * of one change. */
  gboolean         updating;
};

G_DEFINE_FINAL_TYPE (IkSession, ik_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_READ_ONLY,
  PROP_CANDIDATE_NAME,
  PROP_CANDIDATE_ID,
  PROP_ROLE,
  PROP_SENIORITY,
  PROP_INTERVIEWER,
  PROP_SCHEDULED,
  PROP_DURATION,
  PROP_STATE,
  PROP_BANK_ID,
  PROP_BANK_TITLE,
  PROP_KEEP_UNTIL,
  PROP_CURRENT,
  PROP_ELAPSED,
  PROP_RUNNING_SINCE,
  PROP_RECORDS,
  PROP_SCORECARD,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_members[] = {
  "format",
  "version",
  "id",
  "candidate_name",
  "candidate_id",
  "role",
  "seniority",
  "interviewer",
  "scheduled",
  "duration",
  "state",
  "bank_id",
  "bank_title",
  "keep_until",
  "retention_changes",
  "current",
  "elapsed",
  "running_since",
  "records",
  "scorecard",
  NULL
};

typedef struct
{
  GDateTime  *from;     /* nullable: there was no date */
  GDateTime  *to;
  char       *reason;
  GDateTime  *at;
  JsonObject *unknown;
} RetentionChange;

static const char * const retention_change_members[] = { "from", "to", "reason", "at", NULL };

static void
retention_change_free (gpointer data)
{
  RetentionChange *change = data;

  g_clear_pointer (&change->from, g_date_time_unref);
  g_clear_pointer (&change->to, g_date_time_unref);
  g_free (change->reason);
  g_clear_pointer (&change->at, g_date_time_unref);
  g_clear_pointer (&change->unknown, json_object_unref);
  g_free (change);
}

static void ensure_body (IkSession *self);
static char **records_question_ids (GListModel *records);

/* An edit of the user's: a session with its body away gets it back
 * first, so that what is saved is whole. */
static void
ik_session_emit_changed (IkSession *self)
{
  ensure_body (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_child_changed (gpointer session,
                  gpointer child)
{
  IkSession *self = session;

  if (!self->updating)
    ik_session_emit_changed (self);
}

static gboolean
time_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static gboolean
replace_time (GDateTime **field,
              GDateTime  *value)
{
  if (time_equal (*field, value))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  return TRUE;
}

static void
ik_session_set_scorecard (IkSession   *self,
                          IkScorecard *scorecard)
{
  if (self->scorecard != NULL)
    ik_listeners_remove (self->scorecard, on_child_changed, self);
  g_set_object (&self->scorecard, scorecard);
  ik_scorecard_set_context (scorecard, self->id, self->candidate_id);
  ik_listeners_add (scorecard, on_child_changed, self);
}

static void
ik_session_append_record (IkSession        *self,
                          IkQuestionRecord *record)
{
  ik_listeners_add (record, on_child_changed, self);
  g_list_store_append (self->records, record);
}

static void
ik_session_dispose (GObject *object)
{
  IkSession *self = (IkSession *) object;

  if (self->records != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

          ik_listeners_remove (record, on_child_changed, self);
        }
    }
  if (self->scorecard != NULL)
    ik_listeners_remove (self->scorecard, on_child_changed, self);

  g_clear_object (&self->records);
  g_clear_object (&self->scorecard);

  G_OBJECT_CLASS (ik_session_parent_class)->dispose (object);
}

static void
ik_session_finalize (GObject *object)
{
  IkSession *self = (IkSession *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->candidate_name, g_free);
  g_clear_pointer (&self->candidate_id, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->interviewer, g_free);
  g_clear_pointer (&self->scheduled, g_date_time_unref);
  g_clear_pointer (&self->bank_id, g_free);
  g_clear_pointer (&self->bank_title, g_free);
  g_clear_pointer (&self->keep_until, g_date_time_unref);
  g_clear_pointer (&self->retention_changes, g_ptr_array_unref);
  g_clear_pointer (&self->running_since, g_date_time_unref);
  g_clear_pointer (&self->unknown, json_object_unref);
  g_clear_pointer (&self->unloaded_submitted, g_date_time_unref);
  g_clear_pointer (&self->unloaded_question_ids, g_strfreev);

  G_OBJECT_CLASS (ik_session_parent_class)->finalize (object);
}

static void
ik_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IkSession *self = IK_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_CANDIDATE_NAME:
      g_value_set_string (value, self->candidate_name);
      break;
    case PROP_CANDIDATE_ID:
      g_value_set_string (value, self->candidate_id);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_SENIORITY:
      g_value_set_enum (value, self->seniority);
      break;
    case PROP_INTERVIEWER:
      g_value_set_string (value, self->interviewer);
      break;
    case PROP_SCHEDULED:
      g_value_set_boxed (value, self->scheduled);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BANK_ID:
      g_value_set_string (value, self->bank_id);
      break;
    case PROP_BANK_TITLE:
      g_value_set_string (value, self->bank_title);
      break;
    case PROP_KEEP_UNTIL:
      g_value_set_boxed (value, self->keep_until);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    case PROP_ELAPSED:
      g_value_set_int64 (value, self->elapsed);
      break;
    case PROP_RUNNING_SINCE:
      g_value_set_boxed (value, self->running_since);
      break;
    case PROP_RECORDS:
      g_value_set_object (value, ik_session_get_records (self));
      break;
    case PROP_SCORECARD:
      g_value_set_object (value, ik_session_get_scorecard (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  IkSession *self = IK_SESSION (object);

  switch (prop_id)
    {
    case PROP_CANDIDATE_NAME:
      ik_session_set_candidate_name (self, g_value_get_string (value));
      break;
    case PROP_CANDIDATE_ID:
      ik_session_set_candidate_id (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      ik_session_set_role (self, g_value_get_string (value));
      break;
    case PROP_SENIORITY:
      ik_session_set_seniority (self, g_value_get_enum (value));
      break;
    case PROP_INTERVIEWER:
      ik_session_set_interviewer (self, g_value_get_string (value));
      break;
    case PROP_SCHEDULED:
      ik_session_set_scheduled (self, g_value_get_boxed (value));
      break;
    case PROP_DURATION:
      ik_session_set_duration (self, g_value_get_uint (value));
      break;
    case PROP_STATE:
      ik_session_set_state (self, g_value_get_enum (value));
      break;
    case PROP_BANK_ID:
      ik_session_set_bank_id (self, g_value_get_string (value));
      break;
    case PROP_BANK_TITLE:
      ik_session_set_bank_title (self, g_value_get_string (value));
      break;
    case PROP_KEEP_UNTIL:
      ik_session_set_keep_until (self, g_value_get_boxed (value));
      break;
    case PROP_CURRENT:
      ik_session_set_current (self, g_value_get_uint (value));
      break;
    case PROP_ELAPSED:
      ik_session_set_elapsed (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
ik_session_class_init (IkSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ik_session_dispose;
  object_class->finalize = ik_session_finalize;
  object_class->get_property = ik_session_get_property;
  object_class->set_property = ik_session_set_property;

  /**
   * IkSession:id:
   *
   * The session's id, also its file name.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, RO_FLAGS);

  /**
   * IkSession:read-only:
   *
   * %TRUE when the file was written by a newer major format version.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE, RO_FLAGS);

  properties[PROP_CANDIDATE_NAME] =
    g_param_spec_string ("candidate-name", NULL, NULL, "", RW_FLAGS);

  /**
   * IkSession:candidate-id:
   *
   * A reference to the candidate (e.g. from an applicant tracking system),
   * shared by the sessions of one panel. Part of the sealed scorecard
   * content, so it cannot change while the scorecard is submitted.
   */
  properties[PROP_CANDIDATE_ID] =
    g_param_spec_string ("candidate-id", NULL, NULL, "", RW_FLAGS);

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, "", RW_FLAGS);

  properties[PROP_SENIORITY] =
    g_param_spec_enum ("seniority", NULL, NULL,
                       IK_TYPE_SENIORITY, IK_SENIORITY_MID, RW_FLAGS);

  properties[PROP_INTERVIEWER] =
    g_param_spec_string ("interviewer", NULL, NULL, "", RW_FLAGS);

  properties[PROP_SCHEDULED] =
    g_param_spec_boxed ("scheduled", NULL, NULL, G_TYPE_DATE_TIME, RW_FLAGS);

  /**
   * IkSession:duration:
   *
   * The planned length of the interview, in minutes.
   */
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL,
                       0, IK_SESSION_MAX_DURATION, IK_SESSION_DEFAULT_DURATION, RW_FLAGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       IK_TYPE_SESSION_STATE, IK_SESSION_STATE_PLANNED, RW_FLAGS);

  /**
   * IkSession:bank-id:
   *
   * The id of the bank the questions were planned from, "" when none.
   */
  properties[PROP_BANK_ID] =
    g_param_spec_string ("bank-id", NULL, NULL, "", RW_FLAGS);

  /**
   * IkSession:bank-title:
   *
   * The bank's title when the session was planned, shown even after the
   * bank is deleted.
   */
  properties[PROP_BANK_TITLE] =
    g_param_spec_string ("bank-title", NULL, NULL, "", RW_FLAGS);

  /**
   * IkSession:keep-until:
   *
   * The date after which the candidate's data should be deleted, or %NULL
   * to keep it.
   */
  properties[PROP_KEEP_UNTIL] =
    g_param_spec_boxed ("keep-until", NULL, NULL, G_TYPE_DATE_TIME, RW_FLAGS);

  /**
   * IkSession:current:
   *
   * The index of the record being asked.
   */
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0, RW_FLAGS);

  /**
   * IkSession:elapsed:
   *
   * Seconds on the clock before IkSession:running-since.
   */
  properties[PROP_ELAPSED] =
    g_param_spec_int64 ("elapsed", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);

  /**
   * IkSession:running-since:
   *
   * When the clock was last started, %NULL while it is paused.
   */
  properties[PROP_RUNNING_SINCE] =
    g_param_spec_boxed ("running-since", NULL, NULL, G_TYPE_DATE_TIME, RO_FLAGS);

  /**
   * IkSession:records:
   *
   * A #GListModel of #IkQuestionRecord in interview order.
   */
  properties[PROP_RECORDS] =
    g_param_spec_object ("records", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SCORECARD] =
    g_param_spec_object ("scorecard", NULL, NULL, IK_TYPE_SCORECARD,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkSession::changed:
   *
   * Emitted after any edit of the session, of one of its records or of its
   * scorecard. The library saves the session some time after it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ik_session_init (IkSession *self)
{
  self->candidate_name = g_strdup ("");
  self->candidate_id = g_strdup ("");
  self->role = g_strdup ("");
  self->seniority = IK_SENIORITY_MID;
  self->interviewer = g_strdup ("");
  self->duration = IK_SESSION_DEFAULT_DURATION;
  self->state = IK_SESSION_STATE_PLANNED;
  self->bank_id = g_strdup ("");
  self->bank_title = g_strdup ("");
  self->records = g_list_store_new (IK_TYPE_QUESTION_RECORD);
  self->retention_changes = g_ptr_array_new_with_free_func (retention_change_free);
}

/**
 * ik_session_new:
 *
 * Creates a planned session with a new id, no questions and an empty
 * scorecard. IkSession:keep-until is unset; the application sets it with
 * ik_session_set_default_keep_until() from the user's retention setting.
 *
 * Returns: (transfer full): a new session
 */
IkSession *
ik_session_new (void)
{
  IkSession *self = g_object_new (IK_TYPE_SESSION, NULL);
  g_autoptr(IkScorecard) scorecard = ik_scorecard_new ();

  self->id = ik_uuid_new ();
  ik_session_set_scorecard (self, scorecard);
  return self;
}

/* Reads the records array; the snapshot questions come with them. */
static gboolean
read_records (IkSession   *self,
              JsonObject  *o,
              GPtrArray   *pulled,
              GError     **error)
{
  JsonArray *records = NULL;
  guint n;

  /* Read by ik_session_new_from_data(), which checked the count. */
  if (pulled != NULL)
    {
      for (guint i = 0; i < pulled->len; i++)
        ik_session_append_record (self, g_ptr_array_index (pulled, i));
      return TRUE;
    }

  if (!ik_json_get_array (o, "records", FALSE, &records, error))
    return FALSE;
  if (records == NULL)
    return TRUE;

  n = json_array_get_length (records);
  if (n > IK_SESSION_MAX_RECORDS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("records: too many questions (%u, at most %d)"),
                   n, IK_SESSION_MAX_RECORDS);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (records, i);
      g_autoptr(IkQuestionRecord) record = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("records[%u]: expected an object"), i);
          return FALSE;
        }

      record = ik_question_record_new_from_json (json_node_get_object (node), error);
      if (record == NULL)
        {
          g_prefix_error (error, "records[%u].", i);
          return FALSE;
        }
      ik_session_append_record (self, record);
    }

  return TRUE;
}

/* Reads the retention_changes array. */
static gboolean
read_retention_changes (IkSession   *self,
                        JsonObject  *o,
                        GError     **error)
{
  JsonArray *changes = NULL;
  guint n;

  if (!ik_json_get_array (o, "retention_changes", FALSE, &changes, error))
    return FALSE;
  if (changes == NULL)
    return TRUE;

  n = json_array_get_length (changes);
  if (n > IK_SESSION_MAX_RETENTION_CHANGES)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("retention_changes: too many changes (%u, at most %d)"),
                   n, IK_SESSION_MAX_RETENTION_CHANGES);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (changes, i);
      RetentionChange *change;
      JsonObject *co;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("retention_changes[%u]: expected an object"), i);
          return FALSE;
        }
      co = json_node_get_object (node);
      change = g_new0 (RetentionChange, 1);
      g_ptr_array_add (self->retention_changes, change);
      if (!ik_json_get_time (co, "from", FALSE, &change->from, error) ||
          !ik_json_get_time (co, "to", TRUE, &change->to, error) ||
          !ik_json_get_string (co, "reason", TRUE, &change->reason, error) ||
          !ik_json_get_time (co, "at", TRUE, &change->at, error))
        {
          g_prefix_error (error, "retention_changes[%u].", i);
          return FALSE;
        }
      change->unknown = ik_json_collect_unknown_or_null (co, retention_change_members);
    }
  return TRUE;
}

static void
write_retention_changes (IkSession   *self,
                         JsonBuilder *b)
{
  if (self->retention_changes->len == 0)
    return;

  json_builder_set_member_name (b, "retention_changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->retention_changes->len; i++)
    {
      RetentionChange *change = g_ptr_array_index (self->retention_changes, i);

      json_builder_begin_object (b);
      ik_json_add_time (b, "from", change->from);
      ik_json_add_time (b, "to", change->to);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, change->reason);
      ik_json_add_time (b, "at", change->at);
      ik_json_add_unknown (b, change->unknown);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The members of a session document other than its records, scorecard,
 * times and retention changes (which go straight into the session), as
 * read, before they are checked together and set. */
typedef struct
{
  char       *candidate_name;
  char       *candidate_id;
  char       *role;
  char       *interviewer;
  char       *bank_id;
  char       *bank_title;
  gint64      duration;
  gint64      current;
  int         seniority;
  int         state;
  JsonObject *scorecard_object;  /* the tree reader's; not owned */
} Header;

#define HEADER_INIT { NULL, NULL, NULL, NULL, NULL, NULL, IK_SESSION_DEFAULT_DURATION, 0, \
                      IK_SENIORITY_MID, IK_SESSION_STATE_PLANNED, NULL }

static void
header_clear (Header *h)
{
  g_free (h->candidate_name);
  g_free (h->candidate_id);
  g_free (h->role);
  g_free (h->interviewer);
  g_free (h->bank_id);
  g_free (h->bank_title);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Header, header_clear)

/* Checks what was read together and sets it: the same for the tree reader
 * and the fast one. Takes @unknown. */
static gboolean
finish_document (IkSession              *self,
                 Header                 *h,
                 IkScorecard            *pulled_scorecard,
                 const IkSessionSummary *away,
                 JsonObject             *unknown,
                 GError                **error)
{
  g_autoptr(IkScorecard) scorecard = pulled_scorecard != NULL ? g_object_ref (pulled_scorecard) : NULL;
  g_autoptr(JsonObject) owned_unknown = unknown;
  guint n_records;

  n_records = away != NULL ? away->n_records : g_list_model_get_n_items (G_LIST_MODEL (self->records));
  if (n_records > IK_SESSION_MAX_RECORDS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("records: too many questions (%u, at most %d)"),
                   n_records, IK_SESSION_MAX_RECORDS);
      return FALSE;
    }
  if (h->current > 0 && h->current >= n_records)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("current: question %u does not exist (the session has %u)"),
                   (guint) h->current, n_records);
      return FALSE;
    }

  ik_set_text (&self->candidate_name, h->candidate_name);
  ik_set_text (&self->candidate_id, h->candidate_id);
  ik_set_text (&self->role, h->role);
  ik_set_text (&self->interviewer, h->interviewer);
  ik_set_text (&self->bank_id, h->bank_id);
  ik_set_text (&self->bank_title, h->bank_title);
  self->seniority = h->seniority;
  self->duration = (guint) h->duration;
  self->state = h->state;
  self->current = (guint) h->current;

  if (away != NULL)
    {
      /* The body stays in the file (ik_session_unload_body()). */
      self->body_unloaded = TRUE;
      self->unloaded_n_records = away->n_records;
      self->unloaded_altered = away->altered;
      replace_time (&self->unloaded_submitted, away->submitted);
      self->unloaded_question_ids = away->question_ids != NULL ? g_strdupv (away->question_ids)
                                                               : g_new0 (char *, 1);
      self->unknown = g_steal_pointer (&owned_unknown);
      return TRUE;
    }
  if (scorecard != NULL)
    ;
  else if (h->scorecard_object != NULL)
    {
      scorecard = ik_scorecard_new_from_json (h->scorecard_object, error);
      if (scorecard == NULL)
        {
          g_prefix_error (error, "scorecard.");
          return FALSE;
        }
    }
  else
    {
      scorecard = ik_scorecard_new ();
    }
  ik_session_set_scorecard (self, scorecard);

  self->unknown = g_steal_pointer (&owned_unknown);
  return TRUE;
}

/* Reads everything but "format" and "version" into a fresh session. */
static gboolean
read_document (IkSession              *self,
               JsonObject             *o,
               GPtrArray              *records,
               IkScorecard            *pulled_scorecard,
               const IkSessionSummary *away,
               GError                **error)
{
  g_auto(Header) h = HEADER_INIT;
  gboolean ok;

  ok = ik_json_get_id (o, "id", TRUE, &self->id, error) &&
       ik_json_get_string (o, "candidate_name", FALSE, &h.candidate_name, error) &&
       ik_json_get_string (o, "candidate_id", FALSE, &h.candidate_id, error) &&
       ik_json_get_string (o, "role", FALSE, &h.role, error) &&
       ik_json_get_enum (o, "seniority", FALSE, IK_TYPE_SENIORITY, &h.seniority, error) &&
       ik_json_get_string (o, "interviewer", FALSE, &h.interviewer, error) &&
       ik_json_get_time (o, "scheduled", FALSE, &self->scheduled, error) &&
       ik_json_get_int (o, "duration", FALSE, 0, IK_SESSION_MAX_DURATION, &h.duration, error) &&
       ik_json_get_enum (o, "state", TRUE, IK_TYPE_SESSION_STATE, &h.state, error) &&
       ik_json_get_id (o, "bank_id", FALSE, &h.bank_id, error) &&
       ik_json_get_string (o, "bank_title", FALSE, &h.bank_title, error) &&
       ik_json_get_time (o, "keep_until", FALSE, &self->keep_until, error) &&
       read_retention_changes (self, o, error) &&
       ik_json_get_int (o, "current", FALSE, 0, G_MAXUINT, &h.current, error) &&
       ik_json_get_int (o, "elapsed", FALSE, 0, G_MAXINT64, &self->elapsed, error) &&
       ik_json_get_time (o, "running_since", FALSE, &self->running_since, error) &&
       read_records (self, o, records, error) &&
       ik_json_get_object (o, "scorecard", FALSE, &h.scorecard_object, error) &&
       finish_document (self, &h, pulled_scorecard, away,
                        ik_json_collect_unknown_or_null (o, known_members), error);
  return ok;
}

static IkSession *new_from_object (JsonObject             *o,
                                   GPtrArray              *records,
                                   IkScorecard            *scorecard,
                                   const IkSessionSummary *away,
                                   GError                **error);

/**
 * ik_session_new_from_json:
 * @root: a whole session document
 * @error: return location for an error
 *
 * Reads a session document. A missing or different "format" is
 * %IK_JSON_ERROR_FORMAT. A "version" above %IK_SESSION_FORMAT_VERSION is
 * read if it can be, with IkSession:read-only set; if it cannot, the error
 * is %IK_JSON_ERROR_NEWER_VERSION. Every member is type-checked, and errors
 * name the path of the offending member (e.g.
 * "records[2].covered_areas[0]: …"). Members this version does not know are
 * kept at every level and written back by ik_session_to_json().
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error set
 */
IkSession *
ik_session_new_from_json (JsonNode  *root,
                          GError   **error)
{
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                           _("The document must be a JSON object"));
      return NULL;
    }
  return new_from_object (json_node_get_object (root), NULL, NULL, NULL, error);
}

/* The records and the scorecard, when given, have been read from the
 * tokens; "records" and "scorecard" are then not in @o. */
static IkSession *
new_from_object (JsonObject             *o,
                 GPtrArray              *records,
                 IkScorecard            *scorecard,
                 const IkSessionSummary *away,
                 GError                **error)
{
  g_autoptr(IkSession) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *format;
  gint64 version = 0;

  format = json_object_get_member (o, "format");
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (format), IK_SESSION_FORMAT) != 0)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                   _("format: not an Interview Kit session (expected “%s”)"),
                   IK_SESSION_FORMAT);
      return NULL;
    }
  if (!ik_json_get_int (o, "version", TRUE, 1, G_MAXINT32, &version, error))
    return NULL;

  self = g_object_new (IK_TYPE_SESSION, NULL);
  self->read_only = version > IK_SESSION_FORMAT_VERSION;

  if (!read_document (self, o, records, scorecard, away, &local_error))
    {
      if (self->read_only)
        g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION,
                     _("This session was saved by a newer version of Interview Kit "
                       "(format version %d) and cannot be read: %s"),
                     (int) version, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ik_session_new_from_data:
 * @data: the bytes of a session file
 * @length: their number
 *
 * The library load's fast way to ik_json_parse() and
 * ik_session_new_from_json(): the records, nearly all of a session's
 * bytes, are read straight from the tokens (ik_question_record_new_from_pull()),
 * and only the rest of the document is built as a tree. A session it
 * reads is exactly the one ik_session_new_from_json() reads from the same
 * bytes. It gives %NULL, without a reason, for whatever it does not take:
 * a document that is not valid, or not in the order the writer uses, or
 * from a newer version; the caller then reads it with
 * ik_session_new_from_json(), which gives the reason.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL
 */
/* Reads one record, or the scorecard, for ik_json_pull_read_document(). */
static gpointer
pull_record (IkJsonPull *pull,
             gpointer    user_data)
{
  return ik_question_record_new_from_pull (pull);
}

static gpointer
pull_scorecard (IkJsonPull *pull,
                gpointer    user_data)
{
  return ik_scorecard_new_from_pull (pull);
}

/* A member that must be missing or null. */
static gpointer
pull_nothing (IkJsonPull *pull,
              gpointer    user_data)
{
  return NULL;
}

/* The members of a session document, in the order of known_members. */
enum
{
  M_FORMAT, M_VERSION, M_ID, M_CANDIDATE_NAME, M_CANDIDATE_ID, M_ROLE,
  M_SENIORITY, M_INTERVIEWER, M_SCHEDULED, M_DURATION, M_STATE, M_BANK_ID,
  M_BANK_TITLE, M_KEEP_UNTIL, M_RETENTION_CHANGES, M_CURRENT, M_ELAPSED,
  M_RUNNING_SINCE, M_RECORDS, M_SCORECARD
};

/* A value read from the tokens as the tree reader's getters read it from
 * a node (ik_json_get_string(), _int(), _time(), _enum()); FALSE for
 * anything they would refuse. */
static gboolean
pull_string (IkJsonPull   *pull,
             IkJsonToken   token,
             char        **out)
{
  if (token != IK_JSON_TOKEN_STRING || !ik_json_pull_string_is_valid (pull))
    return FALSE;
  g_free (*out);
  *out = g_strdup (ik_json_pull_get_string (pull, NULL));
  return TRUE;
}

static gboolean
pull_int (IkJsonPull  *pull,
          IkJsonToken  token,
          gint64       min,
          gint64       max,
          gint64      *out)
{
  gint64 value = ik_json_pull_get_int (pull);

  if (token != IK_JSON_TOKEN_INT || value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
pull_time (IkJsonPull   *pull,
           IkJsonToken   token,
           GDateTime   **out)
{
  GDateTime *t;

  if (token != IK_JSON_TOKEN_STRING ||
      (t = g_date_time_new_from_iso8601 (ik_json_pull_get_string (pull, NULL), NULL)) == NULL)
    return FALSE;
  g_clear_pointer (out, g_date_time_unref);
  *out = t;
  return TRUE;
}

static gboolean
pull_enum (IkJsonPull  *pull,
           IkJsonToken  token,
           GType        type,
           int         *out)
{
  return token == IK_JSON_TOKEN_STRING && ik_enum_from_nick (type, ik_json_pull_get_string (pull, NULL), out);
}

/* The fast read of the whole document (no tree but for the retention
 * changes, which are rare, and the members this version does not know),
 * the records and the scorecard by their own readers: what
 * read_document() reads from the tree of the same bytes, or NULL. A newer
 * version is not taken. */
static IkSession *
pull_document (const char             *data,
               gsize                   length,
               IkJsonPullMember       *records,
               IkJsonPullMember       *scorecard,
               const IkSessionSummary *away)
{
  g_autoptr(IkJsonPull) pull = ik_json_pull_new_document (data, length);
  g_autoptr(IkSession) self = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_auto(Header) h = HEADER_INIT;
  gboolean has_format = FALSE, has_state = FALSE;
  gint64 version = 0;
  guint seen = 0;
  int member;

  if (pull == NULL)
    return NULL;
  self = g_object_new (IK_TYPE_SESSION, NULL);

  while ((member = ik_json_pull_next_known (pull, known_members, &seen, &unknown)) >= 0)
    {
      IkJsonToken token;
      gboolean ok;

      if (member == M_RECORDS || member == M_SCORECARD)
        {
          if (!ik_json_pull_read_member (pull, member == M_RECORDS ? records : scorecard))
            return NULL;
          continue;
        }
      /* null is missing; every required member is checked below. */
      if ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_NULL)
        continue;
      switch (member)
        {
        case M_FORMAT:
          ok = has_format = token == IK_JSON_TOKEN_STRING &&
                            strcmp (ik_json_pull_get_string (pull, NULL), IK_SESSION_FORMAT) == 0;
          break;
        case M_VERSION:
          ok = pull_int (pull, token, 1, IK_SESSION_FORMAT_VERSION, &version);
          break;
        case M_ID:
          ok = pull_string (pull, token, &self->id) && ik_id_is_valid (self->id);
          break;
        case M_CANDIDATE_NAME:
          ok = pull_string (pull, token, &h.candidate_name);
          break;
        case M_CANDIDATE_ID:
          ok = pull_string (pull, token, &h.candidate_id);
          break;
        case M_ROLE:
          ok = pull_string (pull, token, &h.role);
          break;
        case M_SENIORITY:
          ok = pull_enum (pull, token, IK_TYPE_SENIORITY, &h.seniority);
          break;
        case M_INTERVIEWER:
          ok = pull_string (pull, token, &h.interviewer);
          break;
        case M_SCHEDULED:
          ok = pull_time (pull, token, &self->scheduled);
          break;
        case M_DURATION:
          ok = pull_int (pull, token, 0, IK_SESSION_MAX_DURATION, &h.duration);
          break;
        case M_STATE:
          ok = has_state = pull_enum (pull, token, IK_TYPE_SESSION_STATE, &h.state);
          break;
        case M_BANK_ID:
          ok = pull_string (pull, token, &h.bank_id) && ik_id_is_valid (h.bank_id);
          break;
        case M_BANK_TITLE:
          ok = pull_string (pull, token, &h.bank_title);
          break;
        case M_KEEP_UNTIL:
          ok = pull_time (pull, token, &self->keep_until);
          break;
        case M_RETENTION_CHANGES:
          {
            g_autoptr(JsonObject) o = json_object_new ();
            JsonNode *node = token == IK_JSON_TOKEN_BEGIN_ARRAY ? ik_json_pull_read_node (pull, token) : NULL;

            ok = node != NULL;
            if (ok)
              {
                json_object_set_member (o, "retention_changes", node);
                ok = read_retention_changes (self, o, NULL);
              }
          }
          break;
        case M_CURRENT:
          ok = pull_int (pull, token, 0, G_MAXUINT, &h.current);
          break;
        case M_ELAPSED:
          ok = pull_int (pull, token, 0, G_MAXINT64, &self->elapsed);
          break;
        case M_RUNNING_SINCE:
          ok = pull_time (pull, token, &self->running_since);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return NULL;
    }
  if (member != IK_JSON_PULL_END || ik_json_pull_next (pull) != IK_JSON_TOKEN_END ||
      !has_format || version == 0 || self->id == NULL || !has_state)
    return NULL;

  for (guint i = 0; records->objects != NULL && i < records->objects->len; i++)
    ik_session_append_record (self, g_ptr_array_index (records->objects, i));
  if (!finish_document (self, &h,
                        scorecard->objects != NULL ? g_ptr_array_index (scorecard->objects, 0) : NULL,
                        away, g_steal_pointer (&unknown), NULL))
    return NULL;
  return g_steal_pointer (&self);
}

/* The fast read, of everything, or (with @away) of all but the body, which
 * is passed over where @away says it is. */
static IkSession *
read_data (const char             *data,
           gsize                   length,
           const IkSessionSummary *away,
           IkSessionSummary       *summary)
{
  IkJsonPullMember records = { "records", TRUE, IK_SESSION_MAX_RECORDS, pull_record, NULL, NULL, 0, 0, 0, 0 };
  IkJsonPullMember scorecard = { "scorecard", FALSE, 1, pull_scorecard, NULL, NULL, 0, 0, 0, 0 };
  g_autoptr(IkSession) self = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (away != NULL)
    {
      records.read = pull_nothing;
      records.skip_start = away->records_start;
      records.skip_end = away->records_end;
      scorecard.read = pull_nothing;
      scorecard.skip_start = away->scorecard_start;
      scorecard.skip_end = away->scorecard_end;
    }

  self = pull_document (data, length, &records, &scorecard, away);
  g_clear_pointer (&records.objects, g_ptr_array_unref);
  g_clear_pointer (&scorecard.objects, g_ptr_array_unref);
  if (self == NULL)
    return NULL;
  /* Where the body should be, it was (not missing, nor null). */
  if (away != NULL &&
      (records.start != away->records_start || records.end != away->records_end ||
       scorecard.start != away->scorecard_start || scorecard.end != away->scorecard_end))
    return NULL;

  if (summary != NULL)
    {
      summary->records_start = records.start;
      summary->records_end = records.end;
      summary->scorecard_start = scorecard.start;
      summary->scorecard_end = scorecard.end;
      summary->n_records = g_list_model_get_n_items (G_LIST_MODEL (self->records));
      summary->altered = ik_scorecard_get_altered (self->scorecard);
      replace_time (&summary->submitted, ik_scorecard_get_submitted (self->scorecard));
      g_strfreev (summary->question_ids);
      summary->question_ids = records_question_ids (G_LIST_MODEL (self->records));
    }
  return g_steal_pointer (&self);
}

IkSession *
ik_session_new_from_data (const char *data,
                          gsize       length)
{
  return read_data (data, length, NULL, NULL);
}

/**
 * ik_session_new_from_data_summary:
 * @data: the bytes of a session file
 * @length: their number
 * @summary: (out caller-allocates): zero-filled, or filled by an earlier
 *   call; set to the session's summary, and to where its body lies in
 *   @data
 *
 * ik_session_new_from_data(), which also tells what
 * ik_session_new_from_summary() needs to read the same bytes again
 * without their body. @summary is left alone when this gives %NULL.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL
 */
IkSession *
ik_session_new_from_data_summary (const char       *data,
                                  gsize             length,
                                  IkSessionSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return read_data (data, length, NULL, summary);
}

/**
 * ik_session_new_from_summary:
 * @data: the bytes of a session file, the same ones that
 *   ik_session_new_from_data_summary() read (the caller knows it from the
 *   file's stamp)
 * @length: their number
 * @summary: what it said of them
 *
 * Reads everything but the body, which is passed over unread and stays
 * away (ik_session_unload_body()), @summary standing for it. The body
 * must be where @summary says, and only its ends are checked: the rest of
 * the document is read and checked as ever.
 *
 * Returns: (transfer full) (nullable): the session with its body away, or
 *   %NULL when @data is not what @summary was made from
 */
IkSession *
ik_session_new_from_summary (const char             *data,
                             gsize                   length,
                             const IkSessionSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return read_data (data, length, summary, NULL);
}

/**
 * ik_session_summary_clear:
 * @summary: a summary
 *
 * Frees what @summary holds and zero-fills it.
 */
void
ik_session_summary_clear (IkSessionSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->submitted, g_date_time_unref);
  g_clear_pointer (&summary->question_ids, g_strfreev);
  memset (summary, 0, sizeof (*summary));
}

/**
 * ik_session_summary_copy:
 * @dest: (out caller-allocates): where to copy, not holding anything
 * @src: a summary
 *
 * Makes @dest a copy of @src, with its own time and ids.
 */
void
ik_session_summary_copy (IkSessionSummary       *dest,
                         const IkSessionSummary *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  *dest = *src;
  dest->submitted = src->submitted != NULL ? g_date_time_ref (src->submitted) : NULL;
  dest->question_ids = g_strdupv (src->question_ids);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

/**
 * ik_session_to_json:
 * @self: a session
 *
 * Writes the whole session document, including the members read from the
 * file that this version does not know. Times are written only when set,
 * and bank_id only when the session has a bank.
 *
 * Returns: (transfer full): the document's root node
 */
JsonNode *
ik_session_to_json (IkSession *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  guint n;

  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  ensure_body (self);
  /* Not immutable: sealing hashes every string of the document, a fifth
   * of an autosave, and nobody changes the tree (banks' is not sealed
   * either). */
  b = json_builder_new ();
  json_builder_begin_object (b);

  add_string (b, "format", IK_SESSION_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, IK_SESSION_FORMAT_VERSION);
  add_string (b, "id", self->id);
  add_string (b, "candidate_name", self->candidate_name);
  add_string (b, "candidate_id", self->candidate_id);
  add_string (b, "role", self->role);
  add_string (b, "seniority", ik_enum_to_nick (IK_TYPE_SENIORITY, self->seniority));
  add_string (b, "interviewer", self->interviewer);
  ik_json_add_time (b, "scheduled", self->scheduled);
  json_builder_set_member_name (b, "duration");
  json_builder_add_int_value (b, self->duration);
  add_string (b, "state", ik_enum_to_nick (IK_TYPE_SESSION_STATE, self->state));
  if (self->bank_id[0] != '\0')
    add_string (b, "bank_id", self->bank_id);
  add_string (b, "bank_title", self->bank_title);
  ik_json_add_time (b, "keep_until", self->keep_until);
  write_retention_changes (self, b);
  json_builder_set_member_name (b, "current");
  json_builder_add_int_value (b, self->current);
  json_builder_set_member_name (b, "elapsed");
  json_builder_add_int_value (b, self->elapsed);
  ik_json_add_time (b, "running_since", self->running_since);

  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      ik_question_record_to_json (record, b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "scorecard");
  ik_scorecard_to_json (self->scorecard, b);

  ik_json_add_unknown (b, self->unknown);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

const char *
ik_session_get_id (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->id;
}

/**
 * ik_session_get_read_only:
 * @self: a session
 *
 * Returns: %TRUE when the session was read from a newer format version and
 *   must not be written back
 */
gboolean
ik_session_get_read_only (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  return self->read_only;
}

static void
ik_session_set_string_property (IkSession   *self,
                                char       **field,
                                const char  *value,
                                guint        prop_id)
{
  if (!ik_set_text (field, value))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  ik_session_emit_changed (self);
}

const char *
ik_session_get_candidate_name (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->candidate_name;
}

void
ik_session_set_candidate_name (IkSession  *self,
                               const char *name)
{
  g_return_if_fail (IK_IS_SESSION (self));

  ik_session_set_string_property (self, &self->candidate_name, name, PROP_CANDIDATE_NAME);
}

const char *
ik_session_get_candidate_id (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->candidate_id;
}

/**
 * ik_session_set_candidate_id:
 * @self: a session
 * @candidate_id: (nullable): the candidate reference; %NULL is stored as ""
 *
 * The candidate id is part of the sealed scorecard content, so it is
 * refused while the scorecard is submitted (amend it first).
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_session_set_candidate_id (IkSession  *self,
                             const char *candidate_id)
{
  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  if (g_strcmp0 (self->candidate_id, candidate_id != NULL ? candidate_id : "") == 0)
    return TRUE;
  ensure_body (self);
  if (self->scorecard != NULL && ik_scorecard_get_read_only (self->scorecard))
    return FALSE;

  ik_set_text (&self->candidate_id, candidate_id);
  if (self->scorecard != NULL)
    ik_scorecard_set_context (self->scorecard, self->id, self->candidate_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATE_ID]);
  ik_session_emit_changed (self);
  return TRUE;
}

const char *
ik_session_get_role (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->role;
}

void
ik_session_set_role (IkSession  *self,
                     const char *role)
{
  g_return_if_fail (IK_IS_SESSION (self));

  ik_session_set_string_property (self, &self->role, role, PROP_ROLE);
}

IkSeniority
ik_session_get_seniority (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), IK_SENIORITY_MID);

  return self->seniority;
}

void
ik_session_set_seniority (IkSession   *self,
                          IkSeniority  seniority)
{
  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (seniority >= IK_SENIORITY_JUNIOR && seniority <= IK_SENIORITY_LEAD);

  if (self->seniority == seniority)
    return;

  self->seniority = seniority;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENIORITY]);
  ik_session_emit_changed (self);
}

const char *
ik_session_get_interviewer (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->interviewer;
}

void
ik_session_set_interviewer (IkSession  *self,
                            const char *interviewer)
{
  g_return_if_fail (IK_IS_SESSION (self));

  ik_session_set_string_property (self, &self->interviewer, interviewer, PROP_INTERVIEWER);
}

/**
 * ik_session_get_scheduled:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): when the interview is planned
 */
GDateTime *
ik_session_get_scheduled (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->scheduled;
}

void
ik_session_set_scheduled (IkSession *self,
                          GDateTime *scheduled)
{
  g_autoptr(GDateTime) keep_until = NULL;

  g_return_if_fail (IK_IS_SESSION (self));

  /* The default retention date counts from the interview: it moves with
   * it until the user changes it by hand. */
  if (scheduled != NULL && self->keep_until != NULL && self->retention_changes->len == 0)
    {
      if (self->default_months > 0)
        keep_until = g_date_time_add_months (scheduled, (int) self->default_months);
      else if (self->scheduled != NULL)
        keep_until = g_date_time_add (self->keep_until, g_date_time_difference (scheduled, self->scheduled));
    }

  if (!replace_time (&self->scheduled, scheduled))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULED]);
  if (keep_until != NULL && replace_time (&self->keep_until, keep_until))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_UNTIL]);
  ik_session_emit_changed (self);
}

guint
ik_session_get_duration (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), 0);

  return self->duration;
}

/**
 * ik_session_set_duration:
 * @self: a session
 * @minutes: the planned length, at most %IK_SESSION_MAX_DURATION
 */
void
ik_session_set_duration (IkSession *self,
                         guint      minutes)
{
  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (minutes <= IK_SESSION_MAX_DURATION);

  if (self->duration == minutes)
    return;

  self->duration = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  ik_session_emit_changed (self);
}

IkSessionState
ik_session_get_state (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), IK_SESSION_STATE_PLANNED);

  return self->state;
}

void
ik_session_set_state (IkSession      *self,
                      IkSessionState  state)
{
  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (state >= IK_SESSION_STATE_PLANNED && state <= IK_SESSION_STATE_SUBMITTED);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  ik_session_emit_changed (self);
}

const char *
ik_session_get_bank_id (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->bank_id;
}

/**
 * ik_session_set_bank_id:
 * @self: a session
 * @bank_id: (nullable): a valid id, or %NULL / "" for none
 */
void
ik_session_set_bank_id (IkSession  *self,
                        const char *bank_id)
{
  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (bank_id == NULL || bank_id[0] == '\0' || ik_id_is_valid (bank_id));

  ik_session_set_string_property (self, &self->bank_id, bank_id, PROP_BANK_ID);
}

const char *
ik_session_get_bank_title (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->bank_title;
}

void
ik_session_set_bank_title (IkSession  *self,
                           const char *bank_title)
{
  g_return_if_fail (IK_IS_SESSION (self));

  ik_session_set_string_property (self, &self->bank_title, bank_title, PROP_BANK_TITLE);
}

/**
 * ik_session_get_keep_until:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): when the session's data should be
 *   deleted, %NULL to keep it
 */
GDateTime *
ik_session_get_keep_until (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->keep_until;
}

void
ik_session_set_keep_until (IkSession *self,
                           GDateTime *keep_until)
{
  g_return_if_fail (IK_IS_SESSION (self));

  self->default_months = 0;
  if (!replace_time (&self->keep_until, keep_until))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_UNTIL]);
  ik_session_emit_changed (self);
}

/**
 * ik_session_set_default_keep_until:
 * @self: a session
 * @months: the retention period from the user's settings; 0 keeps the data
 *
 * Sets IkSession:keep-until to @months after the scheduled time (or after
 * now when the session is not scheduled), or to %NULL when @months is 0.
 */
void
ik_session_set_default_keep_until (IkSession *self,
                                   guint      months)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) keep_until = NULL;
  GDateTime *base;

  g_return_if_fail (IK_IS_SESSION (self));

  if (months == 0)
    {
      self->default_months = 0;
      ik_session_set_keep_until (self, NULL);
      return;
    }

  base = self->scheduled;
  if (base == NULL)
    base = now = g_date_time_new_now_local ();
  keep_until = g_date_time_add_months (base, (int) MIN (months, 12 * 100));
  ik_session_set_keep_until (self, keep_until);
  self->default_months = MIN (months, 12 * 100);
}

/**
 * ik_session_get_retention_base:
 * @self: a session
 *
 * The date the retention period counts from: the interview's scheduled
 * time, else the scorecard's submission, else %NULL.
 *
 * Returns: (transfer none) (nullable): the date
 */
GDateTime *
ik_session_get_retention_base (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  if (self->scheduled != NULL)
    return self->scheduled;
  return ik_session_get_scorecard_submitted (self);
}

/**
 * ik_session_fill_keep_until:
 * @self: a session
 * @months: the retention period from the user's settings; 0 does nothing
 * @now: (nullable): the time used when the session has no date, %NULL for
 *   the current time
 *
 * Gives a session without IkSession:keep-until (one written before the
 * member existed, or by another program) the default date, @months after
 * ik_session_get_retention_base() (or @now). Only IkSession:keep-until is
 * notified, not #IkSession::changed: the file is not rewritten for this,
 * it gets the date when it is next saved for another reason.
 *
 * Returns: %TRUE when the date was set
 */
gboolean
ik_session_fill_keep_until (IkSession *self,
                            guint      months,
                            GDateTime *now)
{
  g_autoptr(GDateTime) current = NULL;
  GDateTime *base;

  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  if (self->keep_until != NULL || months == 0)
    return FALSE;
  base = ik_session_get_retention_base (self);
  if (base == NULL)
    base = now != NULL ? now : (current = g_date_time_new_now_local ());
  self->keep_until = g_date_time_add_months (base, (int) MIN (months, 12 * 100));
  self->default_months = MIN (months, 12 * 100);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_UNTIL]);
  return TRUE;
}

/**
 * ik_session_change_keep_until:
 * @self: a session
 * @keep_until: the new date
 * @reason: why, required (not blank)
 * @now: (nullable): when the change is made, %NULL for the current time
 * @error: return location for an error
 *
 * Changes IkSession:keep-until by hand and records the change (the old and
 * new dates, @reason and @now) in the session, which the file keeps as
 * `retention_changes`.
 *
 * Returns: %TRUE when the date was changed; %FALSE with
 *   %G_IO_ERROR_INVALID_ARGUMENT for a blank reason or the same date
 */
gboolean
ik_session_change_keep_until (IkSession  *self,
                              GDateTime  *keep_until,
                              const char *reason,
                              GDateTime  *now,
                              GError    **error)
{
  RetentionChange *change;

  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (keep_until != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ik_str_is_blank (reason))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give a reason for keeping the interview until another date"));
      return FALSE;
    }
  if (self->retention_changes->len >= IK_SESSION_MAX_RETENTION_CHANGES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The retention date was changed too often (at most %d times)"),
                   IK_SESSION_MAX_RETENTION_CHANGES);
      return FALSE;
    }
  if (time_equal (self->keep_until, keep_until))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The interview is already kept until that date"));
      return FALSE;
    }

  change = g_new0 (RetentionChange, 1);
  change->from = self->keep_until != NULL ? g_date_time_ref (self->keep_until) : NULL;
  change->to = g_date_time_ref (keep_until);
  change->reason = g_strstrip (g_strdup (reason));
  change->at = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_ptr_array_add (self->retention_changes, change);

  replace_time (&self->keep_until, keep_until);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP_UNTIL]);
  ik_session_emit_changed (self);
  return TRUE;
}

guint
ik_session_get_n_retention_changes (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), 0);

  return self->retention_changes->len;
}

/**
 * ik_session_get_retention_change:
 * @self: a session
 * @index: the change, oldest first
 * @from: (out) (optional) (transfer none) (nullable): the date before
 * @to: (out) (optional) (transfer none): the date after
 * @reason: (out) (optional) (transfer none): why
 * @at: (out) (optional) (transfer none): when the change was made
 *
 * Returns: %FALSE when @index is out of range
 */
gboolean
ik_session_get_retention_change (IkSession   *self,
                                 guint        index,
                                 GDateTime  **from,
                                 GDateTime  **to,
                                 const char **reason,
                                 GDateTime  **at)
{
  RetentionChange *change;

  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  if (index >= self->retention_changes->len)
    return FALSE;
  change = g_ptr_array_index (self->retention_changes, index);
  if (from != NULL)
    *from = change->from;
  if (to != NULL)
    *to = change->to;
  if (reason != NULL)
    *reason = change->reason;
  if (at != NULL)
    *at = change->at;
  return TRUE;
}

guint
ik_session_get_current (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), 0);

  return self->current;
}

/**
 * ik_session_set_current:
 * @self: a session
 * @current: the index of the record being asked; clamped to the last one
 */
void
ik_session_set_current (IkSession *self,
                        guint      current)
{
  guint n;

  g_return_if_fail (IK_IS_SESSION (self));

  ensure_body (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  current = n == 0 ? 0 : MIN (current, n - 1);
  if (self->current == current)
    return;

  self->current = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  ik_session_emit_changed (self);
}

gint64
ik_session_get_elapsed (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), 0);

  return self->elapsed;
}

/**
 * ik_session_set_elapsed:
 * @self: a session
 * @seconds: seconds on the clock before IkSession:running-since; negative
 *   values are stored as 0
 *
 * Corrects the clock (e.g. "reset to 0").
 */
void
ik_session_set_elapsed (IkSession *self,
                        gint64     seconds)
{
  g_return_if_fail (IK_IS_SESSION (self));

  seconds = MAX (seconds, 0);
  if (self->elapsed == seconds)
    return;

  self->elapsed = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
  ik_session_emit_changed (self);
}

/**
 * ik_session_get_running_since:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): when the clock was started, %NULL
 *   while paused
 */
GDateTime *
ik_session_get_running_since (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  return self->running_since;
}

gboolean
ik_session_get_running (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  return self->running_since != NULL;
}

/**
 * ik_session_get_elapsed_at:
 * @self: a session
 * @now: (nullable): the current time, %NULL for the system clock
 *
 * The time on the clock at @now: IkSession:elapsed, plus the time since
 * IkSession:running-since when running, in whole seconds. A @now before
 * running-since (the system clock went back) adds nothing.
 *
 * Returns: seconds
 */
gint64
ik_session_get_elapsed_at (IkSession *self,
                           GDateTime *now)
{
  g_autoptr(GDateTime) system_now = NULL;
  GTimeSpan span;
  gint64 seconds;

  g_return_val_if_fail (IK_IS_SESSION (self), 0);

  if (self->running_since == NULL)
    return self->elapsed;

  if (now == NULL)
    now = system_now = g_date_time_new_now_utc ();

  span = g_date_time_difference (now, self->running_since);
  seconds = MAX (span, 0) / G_TIME_SPAN_SECOND;
  if (self->elapsed > G_MAXINT64 - seconds)
    return G_MAXINT64;
  return self->elapsed + seconds;
}

/**
 * ik_session_start_clock:
 * @self: a session
 * @now: (nullable): the current time, %NULL for the system clock
 *
 * Starts the clock at @now; does nothing when it is running already. A
 * planned session becomes in progress.
 */
void
ik_session_start_clock (IkSession *self,
                        GDateTime *now)
{
  g_return_if_fail (IK_IS_SESSION (self));

  if (self->running_since != NULL)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->running_since = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING_SINCE]);
  if (self->state == IK_SESSION_STATE_PLANNED)
    {
      self->state = IK_SESSION_STATE_IN_PROGRESS;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  ik_session_emit_changed (self);
}

/**
 * ik_session_pause_clock:
 * @self: a session
 * @now: (nullable): the current time, %NULL for the system clock
 *
 * Stops the clock, adding the whole seconds since IkSession:running-since
 * to IkSession:elapsed; does nothing when it is paused already.
 */
void
ik_session_pause_clock (IkSession *self,
                        GDateTime *now)
{
  gint64 elapsed;

  g_return_if_fail (IK_IS_SESSION (self));

  if (self->running_since == NULL)
    return;

  elapsed = ik_session_get_elapsed_at (self, now);

  g_object_freeze_notify (G_OBJECT (self));
  g_clear_pointer (&self->running_since, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING_SINCE]);
  if (self->elapsed != elapsed)
    {
      self->elapsed = elapsed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  ik_session_emit_changed (self);
}

/**
 * ik_session_get_records:
 * @self: a session
 *
 * Returns: (transfer none): a #GListModel of #IkQuestionRecord
 */
GListModel *
ik_session_get_records (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  ensure_body (self);
  return G_LIST_MODEL (self->records);
}

/**
 * ik_session_add_question:
 * @self: a session
 * @question: a question, typically from a bank
 *
 * Plans @question: appends a record holding a snapshot (deep copy) of it,
 * so later edits of the bank do not change this session.
 *
 * Returns: (transfer none) (nullable): the new record, or %NULL when the
 *   session already has %IK_SESSION_MAX_RECORDS questions
 */
IkQuestionRecord *
ik_session_add_question (IkSession  *self,
                         IkQuestion *question)
{
  g_autoptr(IkQuestionRecord) record = NULL;

  g_return_val_if_fail (IK_IS_SESSION (self), NULL);
  g_return_val_if_fail (IK_IS_QUESTION (question), NULL);

  ensure_body (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) >= IK_SESSION_MAX_RECORDS)
    return NULL;

  record = ik_question_record_new (question);
  ik_session_append_record (self, record);
  ik_session_emit_changed (self);
  return record;
}

/**
 * ik_session_remove_record:
 * @self: a session
 * @position: the index of a record
 *
 * Removes a planned question; IkSession:current is kept on the same record
 * when possible.
 *
 * Returns: %FALSE when @position is out of range
 */
gboolean
ik_session_remove_record (IkSession *self,
                          guint      position)
{
  g_autoptr(IkQuestionRecord) record = NULL;
  guint n;

  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  ensure_body (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  if (position >= n)
    return FALSE;

  record = g_list_model_get_item (G_LIST_MODEL (self->records), position);
  ik_listeners_remove (record, on_child_changed, self);
  g_list_store_remove (self->records, position);

  if (self->current > 0 && (position < self->current || self->current >= n - 1))
    {
      self->current--;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }

  ik_session_emit_changed (self);
  return TRUE;
}

/**
 * ik_session_move_record:
 * @self: a session
 * @from: the index of a record
 * @to: its new index
 *
 * Reorders the planned questions.
 *
 * Returns: %FALSE when an index is out of range
 */
gboolean
ik_session_move_record (IkSession *self,
                        guint      from,
                        guint      to)
{
  g_autoptr(IkQuestionRecord) record = NULL;
  guint n;

  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  ensure_body (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  if (from >= n || to >= n)
    return FALSE;
  if (from == to)
    return TRUE;

  record = g_list_model_get_item (G_LIST_MODEL (self->records), from);
  g_list_store_remove (self->records, from);
  g_list_store_insert (self->records, to, record);
  ik_session_emit_changed (self);
  return TRUE;
}

/**
 * ik_session_get_scorecard:
 * @self: a session
 *
 * Returns: (transfer none): the scorecard
 */
IkScorecard *
ik_session_get_scorecard (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  ensure_body (self);
  return self->scorecard;
}

static gboolean
rating_is_empty (IkCompetencyRating *rating)
{
  const char * const *questions = ik_competency_rating_get_evidence_questions (rating);

  return ik_competency_rating_get_rating (rating) == IK_RATING_UNRATED &&
         ik_competency_rating_get_evidence (rating)[0] == '\0' &&
         (questions == NULL || questions[0] == NULL);
}

/**
 * ik_session_ensure_scorecard_ratings:
 * @self: a session
 * @bank: (nullable): the bank to take competency names from
 *
 * Makes the scorecard rate exactly the competencies assessed by the planned
 * questions: a rating is added for each one missing (in the order the
 * questions name them), named from @bank when it knows the competency and
 * by its id otherwise; existing ratings get the bank's current name. A
 * rating for a competency no longer planned is removed only when nothing
 * was entered in it, so no interviewer input is ever lost.
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_session_ensure_scorecard_ratings (IkSession *self,
                                     IkBank    *bank)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) planned = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  GListModel *ratings;
  guint n;

  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);
  g_return_val_if_fail (bank == NULL || IK_IS_BANK (bank), FALSE);

  ensure_body (self);
  if (ik_scorecard_get_read_only (self->scorecard))
    return FALSE;

  ids = g_ptr_array_new ();
  planned = g_hash_table_new (g_str_hash, g_str_equal);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);
      const char * const *competencies =
        ik_question_get_competencies (ik_question_record_get_question (record));

      for (guint j = 0; competencies != NULL && competencies[j] != NULL; j++)
        {
          const char *id = competencies[j];

          if (!ik_id_is_valid (id) || !g_hash_table_add (planned, (gpointer) id))
            continue;
          g_ptr_array_add (ids, (gpointer) id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      IkCompetency *competency = bank != NULL ? ik_bank_find_competency (bank, id) : NULL;
      const char *name = competency != NULL ? ik_competency_get_name (competency) : NULL;
      IkCompetencyRating *rating = ik_scorecard_find_rating (self->scorecard, id);

      if (name == NULL || name[0] == '\0')
        name = NULL;

      if (rating == NULL)
        {
          g_autoptr(IkCompetencyRating) new_rating =
            ik_competency_rating_new (id, name != NULL ? name : id);

          ik_scorecard_add_rating (self->scorecard, new_rating);
        }
      else if (name != NULL)
        {
          ik_competency_rating_set_competency_name (rating, name);
        }
    }

  ratings = ik_scorecard_get_ratings (self->scorecard);
  stale = g_ptr_array_new_with_free_func (g_free);
  n = g_list_model_get_n_items (ratings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      const char *id = ik_competency_rating_get_competency_id (rating);

      if (!g_hash_table_contains (planned, id) && rating_is_empty (rating))
        g_ptr_array_add (stale, g_strdup (id));
    }
  for (guint i = 0; i < stale->len; i++)
    ik_scorecard_remove_rating (self->scorecard, g_ptr_array_index (stale, i));

  return TRUE;
}

static const char *
record_question_id (gpointer item)
{
  return ik_question_get_id (ik_question_record_get_question (item));
}

static void
on_record_removed (gpointer item,
                   gpointer user_data)
{
  ik_listeners_remove (item, on_child_changed, user_data);
}

static void
on_record_added (gpointer item,
                 gpointer user_data)
{
  ik_listeners_add (item, on_child_changed, user_data);
}

/**
 * ik_session_update_from:
 * @self: a session
 * @source: a freshly read session with the same id; left empty (its
 *   records and ratings may have moved to @self)
 *
 * Makes @self hold what @source holds, for a file changed by another
 * program while @self has no unsaved edits. @self stays the same object,
 * and so do its scorecard, and its records and ratings where both lists
 * have them (records by position and question id, ratings by competency
 * id): they are updated in place, so views bound to them stay valid; the
 * rest of each list is spliced. A submitted scorecard is updated too: the
 * file's content is not an edit. Notifies every property that changed and
 * emits items-changed for the lists, then #IkSession::changed once when
 * anything changed. Afterwards ik_session_to_json() of both is the same
 * document.
 */
static gboolean
retention_change_equal (RetentionChange *a,
                        RetentionChange *b)
{
  return time_equal (a->from, b->from) && time_equal (a->to, b->to) &&
         time_equal (a->at, b->at) && g_strcmp0 (a->reason, b->reason) == 0 &&
         ((a->unknown == NULL && b->unknown == NULL) ||
          (a->unknown != NULL && b->unknown != NULL && json_object_equal (a->unknown, b->unknown)));
}

/* Takes the source's list when it differs; the changes are plain records,
 * nobody holds one. */
static gboolean
update_retention_changes (IkSession *self,
                          IkSession *source)
{
  gboolean same = self->retention_changes->len == source->retention_changes->len;

  for (guint i = 0; same && i < self->retention_changes->len; i++)
    same = retention_change_equal (g_ptr_array_index (self->retention_changes, i),
                                   g_ptr_array_index (source->retention_changes, i));
  if (same)
    return FALSE;

  g_ptr_array_unref (self->retention_changes);
  self->retention_changes = g_steal_pointer (&source->retention_changes);
  source->retention_changes = g_ptr_array_new_with_free_func (retention_change_free);
  return TRUE;
}

/* The body away from memory ***************************************************/

/* The distinct question ids of the records, in their order. */
static char **
records_question_ids (GListModel *records)
{
  guint n = g_list_model_get_n_items (records);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_full (n + 1, g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, i);
      IkQuestion *snapshot = ik_question_record_get_question (record);
      const char *id = snapshot != NULL ? ik_question_get_id (snapshot) : NULL;
      gboolean seen = FALSE;

      if (id == NULL)
        continue;
      /* A few records each; the longest plans are some hundreds. */
      for (guint j = 0; j < ids->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (ids, j), id) == 0;
      if (!seen)
        g_ptr_array_add (ids, g_strdup (id));
    }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static void
ensure_body (IkSession *self)
{
  if (!self->body_unloaded)
    return;
  if (self->body_loader != NULL)
    self->body_loader (self, self->body_loader_data);
  /* The loader gives it with ik_session_take_body(); if it could not,
   * the session has none and is never written. */
  if (self->body_unloaded)
    ik_session_take_body (self, NULL);
}

/* What lists show of @source, for @self whose body is away. */
static gboolean
update_unloaded_summary (IkSession *self,
                         IkSession *source)
{
  g_auto(GStrv) ids = NULL;
  guint n_records;
  gboolean altered;
  GDateTime *submitted;
  gboolean changed;

  if (source->body_unloaded)
    {
      ids = g_strdupv (source->unloaded_question_ids);
      n_records = source->unloaded_n_records;
      altered = source->unloaded_altered;
      submitted = source->unloaded_submitted;
    }
  else
    {
      ids = records_question_ids (G_LIST_MODEL (source->records));
      n_records = g_list_model_get_n_items (G_LIST_MODEL (source->records));
      altered = ik_scorecard_get_altered (source->scorecard);
      submitted = ik_scorecard_get_submitted (source->scorecard);
    }

  changed = n_records != self->unloaded_n_records ||
            altered != self->unloaded_altered ||
            !time_equal (submitted, self->unloaded_submitted) ||
            !g_strv_equal ((const char * const *) ids, (const char * const *) self->unloaded_question_ids);
  self->unloaded_n_records = n_records;
  self->unloaded_altered = altered;
  replace_time (&self->unloaded_submitted, submitted);
  g_strfreev (self->unloaded_question_ids);
  self->unloaded_question_ids = g_steal_pointer (&ids);
  return changed;
}

/**
 * ik_session_unload_body:
 * @self: a session just read from its file, not edited, not read-only
 *
 * Lets the records and the scorecard go, keeping what lists show of them
 * (ik_session_get_n_records(), ik_session_get_scorecard_altered(),
 * ik_session_dup_question_ids(), the submission date). The first call that
 * needs them (ik_session_get_records(), ik_session_get_scorecard(), any
 * edit, ik_session_to_json()) asks the body loader for them. No signal is
 * emitted: nothing the session shows changes.
 */
void
ik_session_unload_body (IkSession *self)
{
  guint n;

  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (!self->read_only);

  if (self->body_unloaded)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  self->unloaded_n_records = n;
  self->unloaded_question_ids = records_question_ids (G_LIST_MODEL (self->records));
  self->unloaded_altered = self->scorecard != NULL && ik_scorecard_get_altered (self->scorecard);
  replace_time (&self->unloaded_submitted,
                self->scorecard != NULL ? ik_scorecard_get_submitted (self->scorecard) : NULL);

  ik_list_store_detach_all (self->records, on_child_changed, self);
  g_list_store_remove_all (self->records);
  if (self->scorecard != NULL)
    ik_listeners_remove (self->scorecard, on_child_changed, self);
  g_clear_object (&self->scorecard);
  self->body_unloaded = TRUE;
}

/**
 * ik_session_take_body:
 * @self: a session whose body is away
 * @source: (nullable): the same session read again from its file, whose
 *   records and scorecard @self takes; %NULL when it could not be read
 *
 * For the body loader. Without @source the session gets an empty body
 * and IkSession:body-lost: it must never be written. No signal is
 * emitted.
 */
void
ik_session_take_body (IkSession *self,
                      IkSession *source)
{
  g_autoptr(IkScorecard) scorecard = NULL;

  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (source == NULL || IK_IS_SESSION (source));
  g_return_if_fail (self->body_unloaded);

  self->body_unloaded = FALSE;
  g_clear_pointer (&self->unloaded_question_ids, g_strfreev);
  g_clear_pointer (&self->unloaded_submitted, g_date_time_unref);

  if (source != NULL)
    {
      guint n;

      ensure_body (source);
      n = g_list_model_get_n_items (G_LIST_MODEL (source->records));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (G_LIST_MODEL (source->records), i);

          ik_session_append_record (self, record);
        }
      ik_list_store_detach_all (source->records, on_child_changed, source);
      g_list_store_remove_all (source->records);
      scorecard = g_object_ref (source->scorecard);
      ik_listeners_remove (source->scorecard, on_child_changed, source);
      g_clear_object (&source->scorecard);
      source->scorecard = ik_scorecard_new ();
      ik_listeners_add (source->scorecard, on_child_changed, source);
      /* The file may hold fewer questions now than it did. */
      if (n == 0)
        self->current = 0;
      else if (self->current >= n)
        self->current = n - 1;
    }
  else
    {
      self->body_lost = TRUE;
      self->current = 0;
      scorecard = ik_scorecard_new ();
    }
  ik_session_set_scorecard (self, scorecard);
}

/**
 * ik_session_set_body_loader:
 * @self: a session
 * @loader: (nullable): what brings the body back, %NULL for nothing
 * @user_data: for @loader
 *
 * Sets what ik_session_unload_body() relies on. The library sets it for
 * the sessions it tracks and unsets it when it stops.
 */
void
ik_session_set_body_loader (IkSession           *self,
                            IkSessionBodyLoader  loader,
                            gpointer             user_data)
{
  g_return_if_fail (IK_IS_SESSION (self));

  self->body_loader = loader;
  self->body_loader_data = user_data;
}

/**
 * ik_session_get_body_loaded:
 * @self: a session
 *
 * Returns: %FALSE while the records and the scorecard are away from
 *   memory (ik_session_unload_body())
 */
gboolean
ik_session_get_body_loaded (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  return !self->body_unloaded;
}

/**
 * ik_session_get_body_lost:
 * @self: a session
 *
 * Returns: %TRUE when its body could not be read back from its file: the
 *   session shows an empty one and must never be written
 */
gboolean
ik_session_get_body_lost (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  return self->body_lost;
}

/**
 * ik_session_get_n_records:
 * @self: a session
 *
 * The number of planned questions, without bringing the body back.
 *
 * Returns: the number of records
 */
guint
ik_session_get_n_records (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), 0);

  if (self->body_unloaded)
    return self->unloaded_n_records;
  return g_list_model_get_n_items (G_LIST_MODEL (self->records));
}

/**
 * ik_session_get_scorecard_altered:
 * @self: a session
 *
 * ik_scorecard_get_altered() of the scorecard, without bringing the body
 * back.
 *
 * Returns: %TRUE when the submitted scorecard was changed outside the app
 */
gboolean
ik_session_get_scorecard_altered (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), FALSE);

  if (self->body_unloaded)
    return self->unloaded_altered;
  return ik_scorecard_get_altered (self->scorecard);
}

/**
 * ik_session_get_scorecard_submitted:
 * @self: a session
 *
 * ik_scorecard_get_submitted() of the scorecard, without bringing the body
 * back.
 *
 * Returns: (transfer none) (nullable): when the scorecard was submitted
 */
GDateTime *
ik_session_get_scorecard_submitted (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  if (self->body_unloaded)
    return self->unloaded_submitted;
  return ik_scorecard_get_submitted (self->scorecard);
}

/**
 * ik_session_dup_question_ids:
 * @self: a session
 *
 * The ids of the planned questions, each once, in plan order, without
 * bringing the body back.
 *
 * Returns: (transfer full): a %NULL-terminated array of ids
 */
char **
ik_session_dup_question_ids (IkSession *self)
{
  g_return_val_if_fail (IK_IS_SESSION (self), NULL);

  if (self->body_unloaded)
    return g_strdupv (self->unloaded_question_ids);
  return records_question_ids (G_LIST_MODEL (self->records));
}

void
ik_session_update_from (IkSession *self,
                        IkSession *source)
{
  gboolean changed = FALSE;

  g_return_if_fail (IK_IS_SESSION (self));
  g_return_if_fail (IK_IS_SESSION (source));
  g_return_if_fail (g_strcmp0 (self->id, source->id) == 0);

  if (self == source)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->updating = TRUE;

  (void) IK_UPDATE_FIELD (self, self->read_only, source->read_only, properties[PROP_READ_ONLY]);
  changed |= ik_update_string (G_OBJECT (self), &self->candidate_name, source->candidate_name,
                               properties[PROP_CANDIDATE_NAME]);
  changed |= ik_update_string (G_OBJECT (self), &self->candidate_id, source->candidate_id,
                               properties[PROP_CANDIDATE_ID]);
  changed |= ik_update_string (G_OBJECT (self), &self->role, source->role,
                               properties[PROP_ROLE]);
  changed |= IK_UPDATE_FIELD (self, self->seniority, source->seniority, properties[PROP_SENIORITY]);
  changed |= ik_update_string (G_OBJECT (self), &self->interviewer, source->interviewer,
                               properties[PROP_INTERVIEWER]);
  changed |= ik_update_time (G_OBJECT (self), &self->scheduled, source->scheduled,
                             properties[PROP_SCHEDULED]);
  changed |= IK_UPDATE_FIELD (self, self->duration, source->duration, properties[PROP_DURATION]);
  changed |= IK_UPDATE_FIELD (self, self->state, source->state, properties[PROP_STATE]);
  changed |= ik_update_string (G_OBJECT (self), &self->bank_id, source->bank_id,
                               properties[PROP_BANK_ID]);
  changed |= ik_update_string (G_OBJECT (self), &self->bank_title, source->bank_title,
                               properties[PROP_BANK_TITLE]);
  changed |= ik_update_time (G_OBJECT (self), &self->keep_until, source->keep_until,
                             properties[PROP_KEEP_UNTIL]);
  changed |= update_retention_changes (self, source);
  changed |= IK_UPDATE_FIELD (self, self->elapsed, source->elapsed, properties[PROP_ELAPSED]);
  changed |= ik_update_time (G_OBJECT (self), &self->running_since, source->running_since,
                             properties[PROP_RUNNING_SINCE]);

  if (self->body_unloaded)
    {
      /* The body stays where it is (the file it will be read from is
       * the one @source was read from); only what lists show follows. */
      changed |= update_unloaded_summary (self, source);
    }
  else
    {
      ensure_body (source);
      changed |= ik_list_store_update_from (self->records, G_LIST_MODEL (source->records),
                                            record_question_id,
                                            (IkListUpdateFunc) ik_question_record_update_from,
                                            on_record_removed, on_record_added, self);
      changed |= ik_scorecard_update_from (self->scorecard, source->scorecard);
      ik_scorecard_set_context (self->scorecard, self->id, self->candidate_id);
      ik_list_store_detach_all (source->records, on_child_changed, source);
      /* A body that could not be read is the file's again. */
      if (self->body_lost)
        {
          self->body_lost = FALSE;
          changed = TRUE;
        }
    }
  /* After the records, so that it always names one. */
  changed |= IK_UPDATE_FIELD (self, self->current, source->current, properties[PROP_CURRENT]);
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);

  self->updating = FALSE;
  g_object_thaw_notify (G_OBJECT (self));

  /* Not an edit: the body is not asked for. */
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}
