/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ik-question-record.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enums.h"
#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

/**
 * IkQuestionRecord:
 *
 * One planned question of a session and what the interviewer noted about
 * it. The question is a private copy (a snapshot): callers must not modify
 * the object returned by ik_question_record_get_question(). Covered areas
 * and asked follow-ups are kept as sets of indices into the snapshot's
 * lists, which is why the snapshot must never change.
 */
struct _IkQuestionRecord
{
  GObject      parent_instance;
  IkListeners      listeners;

  IkQuestion  *question;
  char        *notes;
  gint64       seconds;
  int          rating;
  gboolean     no_experience;
  gboolean     skipped;
  IkStarFlags  star;

  /* One flag per entry of the snapshot's areas / follow-ups. */
  guint        n_areas;
  gboolean    *areas_covered;
  guint        n_follow_ups;
  gboolean    *follow_ups_asked;

  JsonObject  *unknown;
};

G_DEFINE_FINAL_TYPE (IkQuestionRecord, ik_question_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_NOTES,
  PROP_SECONDS,
  PROP_RATING,
  PROP_NO_EXPERIENCE,
  PROP_SKIPPED,
  PROP_STAR,
  PROP_N_AREAS_COVERED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const GFlagsValue star_values[] = {
  { IK_STAR_SITUATION, "IK_STAR_SITUATION", "situation" },
  { IK_STAR_TASK, "IK_STAR_TASK", "task" },
  { IK_STAR_ACTION, "IK_STAR_ACTION", "action" },
  { IK_STAR_RESULT, "IK_STAR_RESULT", "result" },
  { 0, NULL, NULL }
};

GType
ik_star_flags_get_type (void)
{
  static gsize type_id = 0;

  /* Registered by hand: glib-mkenums only reads ik-enums.h. */
  if (g_once_init_enter (&type_id))
    {
      GType type = g_flags_register_static (g_intern_static_string ("IkStarFlags"),
                                            star_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* In this order: pull_member() reads them by index. */
static const char * const known_members[] = {
  "question",
  "notes",
  "covered_areas",
  "asked_follow_ups",
  "seconds",
  "rating",
  "no_experience",
  "skipped",
  "star",
  NULL
};

static void
ik_question_record_emit_changed (IkQuestionRecord *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Takes the snapshot and sizes the index sets after its lists. */
static void
ik_question_record_take_question (IkQuestionRecord *self,
                                  IkQuestion       *question)
{
  const char * const *areas;
  const char * const *follow_ups;

  g_assert (self->question == NULL);

  self->question = question;
  areas = ik_question_get_areas (question);
  follow_ups = ik_question_get_follow_ups (question);
  self->n_areas = areas != NULL ? g_strv_length ((char **) areas) : 0;
  self->n_follow_ups = follow_ups != NULL ? g_strv_length ((char **) follow_ups) : 0;
  self->areas_covered = g_new0 (gboolean, MAX (self->n_areas, 1));
  self->follow_ups_asked = g_new0 (gboolean, MAX (self->n_follow_ups, 1));
}

static void
ik_question_record_finalize (GObject *object)
{
  IkQuestionRecord *self = (IkQuestionRecord *) object;

  ik_listeners_clear (&self->listeners);
  g_clear_object (&self->question);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->areas_covered, g_free);
  g_clear_pointer (&self->follow_ups_asked, g_free);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_question_record_parent_class)->finalize (object);
}

static void
ik_question_record_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IkQuestionRecord *self = IK_QUESTION_RECORD (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_object (value, self->question);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_SECONDS:
      g_value_set_int64 (value, self->seconds);
      break;
    case PROP_RATING:
      g_value_set_int (value, self->rating);
      break;
    case PROP_NO_EXPERIENCE:
      g_value_set_boolean (value, self->no_experience);
      break;
    case PROP_SKIPPED:
      g_value_set_boolean (value, self->skipped);
      break;
    case PROP_STAR:
      g_value_set_flags (value, self->star);
      break;
    case PROP_N_AREAS_COVERED:
      g_value_set_uint (value, ik_question_record_get_n_areas_covered (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_question_record_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  IkQuestionRecord *self = IK_QUESTION_RECORD (object);

  switch (prop_id)
    {
    case PROP_NOTES:
      ik_question_record_set_notes (self, g_value_get_string (value));
      break;
    case PROP_SECONDS:
      ik_question_record_set_seconds (self, g_value_get_int64 (value));
      break;
    case PROP_RATING:
      ik_question_record_set_rating (self, g_value_get_int (value));
      break;
    case PROP_NO_EXPERIENCE:
      ik_question_record_set_no_experience (self, g_value_get_boolean (value));
      break;
    case PROP_SKIPPED:
      ik_question_record_set_skipped (self, g_value_get_boolean (value));
      break;
    case PROP_STAR:
      ik_question_record_set_star (self, g_value_get_flags (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The containers hear the change before the signal's handlers do. */
IK_DEFINE_LISTENERS (IkQuestionRecord, ik_question_record)

static void
ik_question_record_class_init (IkQuestionRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ik_question_record_finalize;
  object_class->get_property = ik_question_record_get_property;
  object_class->set_property = ik_question_record_set_property;

  /**
   * IkQuestionRecord:question:
   *
   * The snapshot of the question taken when it was planned. Read-only.
   */
  properties[PROP_QUESTION] =
    g_param_spec_object ("question", NULL, NULL,
                         IK_TYPE_QUESTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkQuestionRecord:seconds:
   *
   * Time spent on the question, in seconds.
   */
  properties[PROP_SECONDS] =
    g_param_spec_int64 ("seconds", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkQuestionRecord:rating:
   *
   * %IK_RATING_UNRATED or 1 to %IK_RATING_MAX. A question the candidate
   * could not answer from experience is marked with
   * IkQuestionRecord:no-experience instead of a rating.
   */
  properties[PROP_RATING] =
    g_param_spec_int ("rating", NULL, NULL,
                      IK_RATING_UNRATED, IK_RATING_MAX, IK_RATING_UNRATED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NO_EXPERIENCE] =
    g_param_spec_boolean ("no-experience", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SKIPPED] =
    g_param_spec_boolean ("skipped", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STAR] =
    g_param_spec_flags ("star", NULL, NULL,
                        IK_TYPE_STAR_FLAGS, IK_STAR_NONE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkQuestionRecord:n-areas-covered:
   *
   * How many of the snapshot's areas are marked covered, for progress
   * displays.
   */
  properties[PROP_N_AREAS_COVERED] =
    g_param_spec_uint ("n-areas-covered", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkQuestionRecord::changed:
   *
   * Emitted after any edit of the record.
   */
  signals[CHANGED] =
    g_signal_new_class_handler ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_FIRST,
                  G_CALLBACK (ik_question_record_real_changed), NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ik_question_record_init (IkQuestionRecord *self)
{
  self->notes = g_strdup ("");
  self->rating = IK_RATING_UNRATED;
}

/**
 * ik_question_record_new:
 * @question: the planned question
 *
 * Creates a record holding a deep copy of @question: later edits of
 * @question (or of the bank it belongs to) do not reach the record.
 *
 * Returns: (transfer full): a new record
 */
IkQuestionRecord *
ik_question_record_new (IkQuestion *question)
{
  IkQuestionRecord *self;

  g_return_val_if_fail (IK_IS_QUESTION (question), NULL);

  self = g_object_new (IK_TYPE_QUESTION_RECORD, NULL);
  ik_question_record_take_question (self, ik_question_copy (question));
  return self;
}

/* Reads an array of distinct-or-repeated indices below n into flags. */
static gboolean
read_index_set (JsonObject  *o,
                const char  *member,
                guint        n,
                gboolean    *flags,
                GError     **error)
{
  JsonArray *array = NULL;
  guint length;

  if (!ik_json_get_array (o, member, FALSE, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 index;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("%s[%u]: expected an integer"), member, i);
          return FALSE;
        }

      index = json_node_get_int (node);
      if (index < 0 || index >= (gint64) n)
        {
          g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, index);

          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("%s[%u]: index %s is out of range (the question has %u)"),
                       member, i, shown, n);
          return FALSE;
        }

      flags[index] = TRUE;
    }

  return TRUE;
}

static gboolean
read_rating (JsonObject  *o,
             int         *out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (o, "rating");

  *out = IK_RATING_UNRATED;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value >= 1 && value <= IK_RATING_MAX)
        {
          *out = (int) value;
          return TRUE;
        }
    }

  g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
               _("rating: expected an integer from 1 to %d"), IK_RATING_MAX);
  return FALSE;
}

static gboolean
read_star (JsonObject   *o,
           IkStarFlags  *out,
           GError      **error)
{
  g_auto(GStrv) nicks = NULL;
  IkStarFlags star = IK_STAR_NONE;

  if (!ik_json_get_strv (o, "star", FALSE, &nicks, error))
    return FALSE;

  for (guint i = 0; nicks != NULL && nicks[i] != NULL; i++)
    {
      const GFlagsValue *v = NULL;

      for (guint j = 0; star_values[j].value_nick != NULL; j++)
        if (g_strcmp0 (star_values[j].value_nick, nicks[i]) == 0)
          v = &star_values[j];

      if (v == NULL)
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("star[%u]: expected “situation”, “task”, “action” or “result”"),
                       i);
          return FALSE;
        }
      star |= v->value;
    }

  *out = star;
  return TRUE;
}

/**
 * ik_question_record_new_from_json:
 * @o: a record object, as written by ik_question_record_to_json()
 * @error: return location for an error
 *
 * Reads one record. Indices of covered areas or asked follow-ups outside
 * the snapshot's lists are an error, as is any member of the wrong type.
 * Members this version does not know are kept and written back.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error set
 */
IkQuestionRecord *
ik_question_record_new_from_json (JsonObject  *o,
                                  GError     **error)
{
  g_autoptr(IkQuestionRecord) self = NULL;
  JsonObject *question_object = NULL;
  IkQuestion *question;
  gboolean no_experience = FALSE;
  gboolean skipped = FALSE;

  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ik_json_get_object (o, "question", TRUE, &question_object, error))
    return NULL;

  question = ik_question_new_from_json (question_object, error);
  if (question == NULL)
    {
      g_prefix_error (error, "question.");
      return NULL;
    }

  self = g_object_new (IK_TYPE_QUESTION_RECORD, NULL);
  ik_question_record_take_question (self, question);

  g_clear_pointer (&self->notes, g_free);
  if (!ik_json_get_string (o, "notes", FALSE, &self->notes, error))
    return NULL;
  if (self->notes == NULL)
    self->notes = g_strdup ("");

  if (!read_index_set (o, "covered_areas", self->n_areas, self->areas_covered, error) ||
      !read_index_set (o, "asked_follow_ups", self->n_follow_ups, self->follow_ups_asked, error) ||
      !ik_json_get_int (o, "seconds", FALSE, 0, G_MAXINT64, &self->seconds, error) ||
      !read_rating (o, &self->rating, error) ||
      !ik_json_get_bool (o, "no_experience", FALSE, &no_experience, error) ||
      !ik_json_get_bool (o, "skipped", FALSE, &skipped, error) ||
      !read_star (o, &self->star, error))
    return NULL;

  self->no_experience = !!no_experience;
  self->skipped = !!skipped;
  self->unknown = ik_json_collect_unknown_or_null (o, known_members);

  return g_steal_pointer (&self);
}

/* Reads the array of indices the reader has just opened, as
 * read_index_set() does. */
static gboolean
pull_index_set (IkJsonPull *pull,
                guint       n,
                gboolean   *flags)
{
  IkJsonToken token;

  while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_INT)
    {
      gint64 index = ik_json_pull_get_int (pull);

      if (index < 0 || index >= (gint64) n)
        return FALSE;
      flags[index] = TRUE;
    }
  return token == IK_JSON_TOKEN_END_ARRAY;
}

static gboolean
pull_bool (IkJsonPull *pull,
           gboolean   *out)
{
  switch (ik_json_pull_next (pull))
    {
    case IK_JSON_TOKEN_TRUE:
      *out = TRUE;
      return TRUE;
    case IK_JSON_TOKEN_FALSE:
      *out = FALSE;
      return TRUE;
    case IK_JSON_TOKEN_NULL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Reads the value of known_members[@member] (not "question") into @self,
 * as ik_question_record_new_from_json() does. */
static gboolean
pull_member (IkQuestionRecord *self,
             IkJsonPull       *pull,
             int               member)
{
  IkJsonToken token;
  gboolean value = FALSE;

  if (member == 6 || member == 7)   /* "no_experience", "skipped" */
    {
      if (!pull_bool (pull, &value))
        return FALSE;
      if (member == 6)
        self->no_experience = !!value;
      else
        self->skipped = !!value;
      return TRUE;
    }

  token = ik_json_pull_next (pull);
  if (token == IK_JSON_TOKEN_NULL)
    return TRUE;
  switch (member)
    {
    case 1:   /* "notes" */
      {
        gsize length;
        const char *notes = ik_json_pull_get_string (pull, &length);

        if (token != IK_JSON_TOKEN_STRING || !ik_json_pull_string_is_valid (pull))
          return FALSE;
        g_free (self->notes);
        self->notes = g_strndup (notes, length);
        return TRUE;
      }
    case 2:   /* "covered_areas" */
      return token == IK_JSON_TOKEN_BEGIN_ARRAY
             && pull_index_set (pull, self->n_areas, self->areas_covered);
    case 3:   /* "asked_follow_ups" */
      return token == IK_JSON_TOKEN_BEGIN_ARRAY
             && pull_index_set (pull, self->n_follow_ups, self->follow_ups_asked);
    case 4:   /* "seconds" */
      self->seconds = ik_json_pull_get_int (pull);
      return token == IK_JSON_TOKEN_INT && self->seconds >= 0;
    case 5:   /* "rating" */
      self->rating = (int) CLAMP (ik_json_pull_get_int (pull), 0, IK_RATING_MAX + 1);
      return token == IK_JSON_TOKEN_INT && self->rating >= 1 && self->rating <= IK_RATING_MAX;
    case 8:   /* "star" */
      {
        g_autoptr(GPtrArray) nicks = g_ptr_array_new_with_free_func (g_free);
        IkStarFlags star = IK_STAR_NONE;

        if (token != IK_JSON_TOKEN_BEGIN_ARRAY || !ik_json_pull_read_strings (pull, nicks))
          return FALSE;
        for (guint i = 0; i < nicks->len; i++)
          {
            guint j = 0;

            while (star_values[j].value_nick != NULL
                   && strcmp (star_values[j].value_nick, g_ptr_array_index (nicks, i)) != 0)
              j++;
            if (star_values[j].value_nick == NULL)
              return FALSE;
            star |= star_values[j].value;
          }
        self->star = star;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

/**
 * ik_question_record_new_from_pull:
 * @pull: a reader that has just given the "{" of a record object
 *
 * The library load's fast way to ik_question_record_new_from_json(), as
 * ik_question_new_from_pull() is for the question: "question" must come
 * first (the index sets are sized after it), as the writer puts it, and
 * anything ik_question_record_new_from_json() would refuse, or this does
 * not handle, gives %NULL without a reason.
 *
 * Returns: (transfer full) (nullable): the record, the reader just past
 *   its "}", or %NULL
 */
IkQuestionRecord *
ik_question_record_new_from_pull (IkJsonPull *pull)
{
  g_autoptr(IkQuestionRecord) self = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  IkQuestion *question;
  guint seen = 0;
  int member;

  g_return_val_if_fail (pull != NULL, NULL);

  /* known_members[0] is "question". */
  if (ik_json_pull_next_known (pull, known_members, &seen, &unknown) != 0
      || ik_json_pull_next (pull) != IK_JSON_TOKEN_BEGIN_OBJECT
      || (question = ik_question_new_from_pull (pull)) == NULL)
    return NULL;

  self = g_object_new (IK_TYPE_QUESTION_RECORD, NULL);
  ik_question_record_take_question (self, question);

  while ((member = ik_json_pull_next_known (pull, known_members, &seen, &unknown)) >= 0)
    if (!pull_member (self, pull, member))
      return NULL;
  if (member != IK_JSON_PULL_END)
    return NULL;

  self->unknown = g_steal_pointer (&unknown);
  return g_steal_pointer (&self);
}

static void
add_index_set (JsonBuilder    *b,
               const char     *member,
               const gboolean *flags,
               guint           n)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    if (flags[i])
      json_builder_add_int_value (b, i);
  json_builder_end_array (b);
}

/**
 * ik_question_record_to_json:
 * @self: a record
 * @b: a builder, positioned where a value is expected
 *
 * Writes the record as one JSON object, the snapshot as a full question
 * object under `question`.
 */
void
ik_question_record_to_json (IkQuestionRecord *self,
                            JsonBuilder      *b)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));
  g_return_if_fail (JSON_IS_BUILDER (b));

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "question");
  ik_question_to_json (self->question, b);

  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, self->notes);

  add_index_set (b, "covered_areas", self->areas_covered, self->n_areas);
  add_index_set (b, "asked_follow_ups", self->follow_ups_asked, self->n_follow_ups);

  json_builder_set_member_name (b, "seconds");
  json_builder_add_int_value (b, self->seconds);

  if (self->rating != IK_RATING_UNRATED)
    {
      json_builder_set_member_name (b, "rating");
      json_builder_add_int_value (b, self->rating);
    }

  json_builder_set_member_name (b, "no_experience");
  json_builder_add_boolean_value (b, self->no_experience);

  json_builder_set_member_name (b, "skipped");
  json_builder_add_boolean_value (b, self->skipped);

  json_builder_set_member_name (b, "star");
  json_builder_begin_array (b);
  for (guint j = 0; star_values[j].value_nick != NULL; j++)
    if (self->star & star_values[j].value)
      json_builder_add_string_value (b, star_values[j].value_nick);
  json_builder_end_array (b);

  ik_json_add_unknown (b, self->unknown);

  json_builder_end_object (b);
}

/**
 * ik_question_record_get_question:
 * @self: a record
 *
 * Returns: (transfer none): the snapshot; treat it as read-only
 */
IkQuestion *
ik_question_record_get_question (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), NULL);

  return self->question;
}

const char *
ik_question_record_get_notes (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), NULL);

  return self->notes;
}

/**
 * ik_question_record_set_notes:
 * @self: a record
 * @notes: (nullable): free text; %NULL is stored as ""
 */
void
ik_question_record_set_notes (IkQuestionRecord *self,
                              const char       *notes)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));

  if (!ik_set_text (&self->notes, notes))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
  ik_question_record_emit_changed (self);
}

gint64
ik_question_record_get_seconds (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), 0);

  return self->seconds;
}

/**
 * ik_question_record_set_seconds:
 * @self: a record
 * @seconds: time spent on the question; negative values are stored as 0
 */
void
ik_question_record_set_seconds (IkQuestionRecord *self,
                                gint64            seconds)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));

  seconds = MAX (seconds, 0);
  if (self->seconds == seconds)
    return;

  self->seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS]);
  ik_question_record_emit_changed (self);
}

/**
 * ik_question_record_add_seconds:
 * @self: a record
 * @seconds: seconds to add to the time spent (may be negative)
 *
 * Adds to the time spent, saturating at 0 and %G_MAXINT64.
 */
void
ik_question_record_add_seconds (IkQuestionRecord *self,
                                gint64            seconds)
{
  gint64 total;

  g_return_if_fail (IK_IS_QUESTION_RECORD (self));

  if (seconds > 0 && self->seconds > G_MAXINT64 - seconds)
    total = G_MAXINT64;
  else
    total = self->seconds + seconds;

  ik_question_record_set_seconds (self, total);
}

int
ik_question_record_get_rating (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), IK_RATING_UNRATED);

  return self->rating;
}

/**
 * ik_question_record_set_rating:
 * @self: a record
 * @rating: %IK_RATING_UNRATED or 1 to %IK_RATING_MAX
 */
void
ik_question_record_set_rating (IkQuestionRecord *self,
                               int               rating)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));
  g_return_if_fail (rating >= IK_RATING_UNRATED && rating <= IK_RATING_MAX);

  if (self->rating == rating)
    return;

  self->rating = rating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATING]);
  ik_question_record_emit_changed (self);
}

gboolean
ik_question_record_get_no_experience (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), FALSE);

  return self->no_experience;
}

/**
 * ik_question_record_set_no_experience:
 * @self: a record
 * @no_experience: whether the candidate had no experience to draw on
 */
void
ik_question_record_set_no_experience (IkQuestionRecord *self,
                                      gboolean          no_experience)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));

  no_experience = !!no_experience;
  if (self->no_experience == no_experience)
    return;

  self->no_experience = no_experience;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NO_EXPERIENCE]);
  ik_question_record_emit_changed (self);
}

gboolean
ik_question_record_get_skipped (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), FALSE);

  return self->skipped;
}

/**
 * ik_question_record_set_skipped:
 * @self: a record
 * @skipped: whether the question was not asked
 */
void
ik_question_record_set_skipped (IkQuestionRecord *self,
                                gboolean          skipped)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));

  skipped = !!skipped;
  if (self->skipped == skipped)
    return;

  self->skipped = skipped;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPED]);
  ik_question_record_emit_changed (self);
}

IkStarFlags
ik_question_record_get_star (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), IK_STAR_NONE);

  return self->star;
}

/**
 * ik_question_record_set_star:
 * @self: a record
 * @star: the parts of the STAR structure heard; unknown bits are dropped
 */
void
ik_question_record_set_star (IkQuestionRecord *self,
                             IkStarFlags       star)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));

  star &= IK_STAR_ALL;
  if (self->star == star)
    return;

  self->star = star;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAR]);
  ik_question_record_emit_changed (self);
}

/**
 * ik_question_record_get_n_areas:
 * @self: a record
 *
 * Returns: the number of areas to cover in the snapshot
 */
guint
ik_question_record_get_n_areas (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), 0);

  return self->n_areas;
}

/**
 * ik_question_record_get_area_covered:
 * @self: a record
 * @index: index into the snapshot's areas
 *
 * Returns: whether that area was covered; %FALSE for an index out of range
 */
gboolean
ik_question_record_get_area_covered (IkQuestionRecord *self,
                                     guint             index)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), FALSE);

  return index < self->n_areas && self->areas_covered[index];
}

/**
 * ik_question_record_set_area_covered:
 * @self: a record
 * @index: index into the snapshot's areas; must be in range
 * @covered: whether the candidate covered it
 */
void
ik_question_record_set_area_covered (IkQuestionRecord *self,
                                     guint             index,
                                     gboolean          covered)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));
  g_return_if_fail (index < self->n_areas);

  covered = !!covered;
  if (self->areas_covered[index] == covered)
    return;

  self->areas_covered[index] = covered;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AREAS_COVERED]);
  ik_question_record_emit_changed (self);
}

/**
 * ik_question_record_get_n_areas_covered:
 * @self: a record
 *
 * Returns: how many areas are marked covered
 */
guint
ik_question_record_get_n_areas_covered (IkQuestionRecord *self)
{
  guint n = 0;

  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), 0);

  for (guint i = 0; i < self->n_areas; i++)
    if (self->areas_covered[i])
      n++;

  return n;
}

/**
 * ik_question_record_get_n_follow_ups:
 * @self: a record
 *
 * Returns: the number of follow-up questions in the snapshot
 */
guint
ik_question_record_get_n_follow_ups (IkQuestionRecord *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), 0);

  return self->n_follow_ups;
}

/**
 * ik_question_record_get_follow_up_asked:
 * @self: a record
 * @index: index into the snapshot's follow-ups
 *
 * Returns: whether that follow-up was asked; %FALSE for an index out of range
 */
gboolean
ik_question_record_get_follow_up_asked (IkQuestionRecord *self,
                                        guint             index)
{
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), FALSE);

  return index < self->n_follow_ups && self->follow_ups_asked[index];
}

/**
 * ik_question_record_set_follow_up_asked:
 * @self: a record
 * @index: index into the snapshot's follow-ups; must be in range
 * @asked: whether the interviewer asked it
 */
void
ik_question_record_set_follow_up_asked (IkQuestionRecord *self,
                                        guint             index,
                                        gboolean          asked)
{
  g_return_if_fail (IK_IS_QUESTION_RECORD (self));
  g_return_if_fail (index < self->n_follow_ups);

  asked = !!asked;
  if (self->follow_ups_asked[index] == asked)
    return;

  self->follow_ups_asked[index] = asked;
  ik_question_record_emit_changed (self);
}

/* Copies one of @source's index sets; returns whether it differs. */
static gboolean
take_index_set (gboolean       **flags,
                guint           *n,
                const gboolean  *source_flags,
                guint            source_n)
{
  gboolean changed = *n != source_n
                     || memcmp (*flags, source_flags, source_n * sizeof (gboolean)) != 0;

  if (changed)
    {
      g_free (*flags);
      *flags = g_memdup2 (source_flags, MAX (source_n, 1) * sizeof (gboolean));
      *n = source_n;
    }
  return changed;
}

/**
 * ik_question_record_update_from:
 * @self: a record
 * @source: a record of the same question, e.g. freshly read from a file
 *
 * Makes @self hold what @source holds, its snapshot included (updated in
 * place; #IkQuestionRecord:question is notified when it changed, as the
 * areas and follow-ups the index sets refer to may have changed with it).
 * Notifies each property that changed, then emits
 * #IkQuestionRecord::changed once.
 *
 * Returns: whether anything changed
 */
gboolean
ik_question_record_update_from (IkQuestionRecord *self,
                                IkQuestionRecord *source)
{
  guint n_covered;
  gboolean changed = FALSE;

  g_return_val_if_fail (IK_IS_QUESTION_RECORD (self), FALSE);
  g_return_val_if_fail (IK_IS_QUESTION_RECORD (source), FALSE);
  g_return_val_if_fail (g_strcmp0 (ik_question_get_id (self->question),
                                   ik_question_get_id (source->question)) == 0, FALSE);

  if (self == source)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));

  /* The index sets first, so that they fit the snapshot whenever anybody
   * hears of its change. */
  n_covered = ik_question_record_get_n_areas_covered (self);
  changed |= take_index_set (&self->areas_covered, &self->n_areas,
                             source->areas_covered, source->n_areas);
  changed |= take_index_set (&self->follow_ups_asked, &self->n_follow_ups,
                             source->follow_ups_asked, source->n_follow_ups);
  if (ik_question_record_get_n_areas_covered (self) != n_covered)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_AREAS_COVERED]);
  if (ik_question_update_from (self->question, source->question))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
      changed = TRUE;
    }

  changed |= ik_update_string (G_OBJECT (self), &self->notes, source->notes,
                               properties[PROP_NOTES]);
  changed |= IK_UPDATE_FIELD (self, self->seconds, source->seconds, properties[PROP_SECONDS]);
  changed |= IK_UPDATE_FIELD (self, self->rating, source->rating, properties[PROP_RATING]);
  changed |= IK_UPDATE_FIELD (self, self->no_experience, source->no_experience, properties[PROP_NO_EXPERIENCE]);
  changed |= IK_UPDATE_FIELD (self, self->skipped, source->skipped, properties[PROP_SKIPPED]);
  changed |= IK_UPDATE_FIELD (self, self->star, source->star, properties[PROP_STAR]);
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);

  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ik_question_record_emit_changed (self);
  return changed;
}
