/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ik-scorecard.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-update.h"
#include "ik-util.h"

G_DEFINE_QUARK (ik-scorecard-error-quark, ik_scorecard_error)

/* The version of the canonical serialisation the seal is computed over.
 * Changing what goes into it means a new version, never an edit. */
#define SEAL_VERSION 1
#define SEAL_LENGTH 64

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
seal_is_valid (const char *seal)
{
  gsize n = 0;

  if (seal == NULL)
    return FALSE;
  for (const char *p = seal; *p != '\0'; p++, n++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return n == SEAL_LENGTH;
}

/* Reads "rating": 1..IK_RATING_MAX or "not-assessed"; absent or null is
 * unrated. */
static gboolean
read_rating_member (JsonObject  *o,
                    int         *out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (o, "rating");

  *out = IK_RATING_UNRATED;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (node);

          if (value >= 1 && value <= IK_RATING_MAX)
            {
              *out = (int) value;
              return TRUE;
            }
        }
      else if (json_node_get_value_type (node) == G_TYPE_STRING
               && g_strcmp0 (json_node_get_string (node), "not-assessed") == 0)
        {
          *out = IK_RATING_NOT_ASSESSED;
          return TRUE;
        }
    }

  g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
               _("rating: expected an integer from 1 to %d or “not-assessed”"),
               IK_RATING_MAX);
  return FALSE;
}

/* IkCompetencyRating ----------------------------------------------------- */

/**
 * IkCompetencyRating:
 *
 * The rating of one competency on a scorecard. The competency name is a
 * snapshot taken from the bank, so a renamed competency does not change a
 * finished scorecard. Setters return %FALSE and change nothing while the
 * owning scorecard is read-only.
 */
struct _IkCompetencyRating
{
  GObject     parent_instance;

  char       *competency_id;
  char       *competency_name;
  int         rating;
  char       *evidence;
  GStrv       evidence_questions;
  gboolean    read_only;

  JsonObject *unknown;
};

G_DEFINE_FINAL_TYPE (IkCompetencyRating, ik_competency_rating, G_TYPE_OBJECT)

enum {
  RATING_PROP_0,
  RATING_PROP_COMPETENCY_ID,
  RATING_PROP_COMPETENCY_NAME,
  RATING_PROP_RATING,
  RATING_PROP_EVIDENCE,
  RATING_PROP_EVIDENCE_QUESTIONS,
  RATING_PROP_READ_ONLY,
  RATING_N_PROPS
};

enum {
  RATING_CHANGED,
  RATING_N_SIGNALS
};

static GParamSpec *rating_properties[RATING_N_PROPS];
static guint rating_signals[RATING_N_SIGNALS];

static const char * const rating_known_members[] = {
  "competency_id",
  "competency_name",
  "rating",
  "evidence",
  "evidence_questions",
  NULL
};

static void
ik_competency_rating_finalize (GObject *object)
{
  IkCompetencyRating *self = (IkCompetencyRating *) object;

  g_clear_pointer (&self->competency_id, g_free);
  g_clear_pointer (&self->competency_name, g_free);
  g_clear_pointer (&self->evidence, g_free);
  g_clear_pointer (&self->evidence_questions, g_strfreev);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_competency_rating_parent_class)->finalize (object);
}

static void
ik_competency_rating_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  IkCompetencyRating *self = IK_COMPETENCY_RATING (object);

  switch (prop_id)
    {
    case RATING_PROP_COMPETENCY_ID:
      g_value_set_string (value, self->competency_id);
      break;
    case RATING_PROP_COMPETENCY_NAME:
      g_value_set_string (value, self->competency_name);
      break;
    case RATING_PROP_RATING:
      g_value_set_int (value, self->rating);
      break;
    case RATING_PROP_EVIDENCE:
      g_value_set_string (value, self->evidence);
      break;
    case RATING_PROP_EVIDENCE_QUESTIONS:
      g_value_set_boxed (value, self->evidence_questions);
      break;
    case RATING_PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_competency_rating_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  IkCompetencyRating *self = IK_COMPETENCY_RATING (object);

  switch (prop_id)
    {
    case RATING_PROP_COMPETENCY_ID:
      g_assert (self->competency_id == NULL);
      self->competency_id = g_value_dup_string (value);
      break;
    case RATING_PROP_COMPETENCY_NAME:
      ik_competency_rating_set_competency_name (self, g_value_get_string (value));
      break;
    case RATING_PROP_RATING:
      ik_competency_rating_set_rating (self, g_value_get_int (value));
      break;
    case RATING_PROP_EVIDENCE:
      ik_competency_rating_set_evidence (self, g_value_get_string (value));
      break;
    case RATING_PROP_EVIDENCE_QUESTIONS:
      ik_competency_rating_set_evidence_questions (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_competency_rating_class_init (IkCompetencyRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ik_competency_rating_finalize;
  object_class->get_property = ik_competency_rating_get_property;
  object_class->set_property = ik_competency_rating_set_property;

  rating_properties[RATING_PROP_COMPETENCY_ID] =
    g_param_spec_string ("competency-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  rating_properties[RATING_PROP_COMPETENCY_NAME] =
    g_param_spec_string ("competency-name", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkCompetencyRating:rating:
   *
   * %IK_RATING_UNRATED, 1 to %IK_RATING_MAX, or %IK_RATING_NOT_ASSESSED.
   */
  rating_properties[RATING_PROP_RATING] =
    g_param_spec_int ("rating", NULL, NULL,
                      IK_RATING_NOT_ASSESSED, IK_RATING_MAX, IK_RATING_UNRATED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  rating_properties[RATING_PROP_EVIDENCE] =
    g_param_spec_string ("evidence", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkCompetencyRating:evidence-questions:
   *
   * The ids of the questions the evidence was drawn from.
   */
  rating_properties[RATING_PROP_EVIDENCE_QUESTIONS] =
    g_param_spec_boxed ("evidence-questions", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkCompetencyRating:read-only:
   *
   * Whether the owning scorecard is submitted; setters are refused then.
   */
  rating_properties[RATING_PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, RATING_N_PROPS, rating_properties);

  /**
   * IkCompetencyRating::changed:
   *
   * Emitted after any edit of the rating.
   */
  rating_signals[RATING_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ik_competency_rating_init (IkCompetencyRating *self)
{
  self->competency_name = g_strdup ("");
  self->evidence = g_strdup ("");
  self->evidence_questions = g_new0 (char *, 1);
  self->rating = IK_RATING_UNRATED;
}

/**
 * ik_competency_rating_new:
 * @competency_id: a valid id (see ik_id_is_valid())
 * @competency_name: (nullable): the competency's name at this time
 *
 * Returns: (transfer full): a new, unrated rating
 */
IkCompetencyRating *
ik_competency_rating_new (const char *competency_id,
                          const char *competency_name)
{
  g_return_val_if_fail (ik_id_is_valid (competency_id), NULL);

  return g_object_new (IK_TYPE_COMPETENCY_RATING,
                       "competency-id", competency_id,
                       "competency-name", competency_name != NULL ? competency_name : "",
                       NULL);
}

static void
ik_competency_rating_emit_changed (IkCompetencyRating *self)
{
  g_signal_emit (self, rating_signals[RATING_CHANGED], 0);
}

static void
ik_competency_rating_set_read_only (IkCompetencyRating *self,
                                    gboolean            read_only)
{
  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), rating_properties[RATING_PROP_READ_ONLY]);
}

const char *
ik_competency_rating_get_competency_id (IkCompetencyRating *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), NULL);

  return self->competency_id;
}

const char *
ik_competency_rating_get_competency_name (IkCompetencyRating *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), NULL);

  return self->competency_name;
}

/**
 * ik_competency_rating_set_competency_name:
 * @self: a rating
 * @name: (nullable): the competency's name; %NULL is stored as ""
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_competency_rating_set_competency_name (IkCompetencyRating *self,
                                          const char         *name)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), FALSE);

  if (self->read_only)
    return FALSE;
  if (!ik_set_text (&self->competency_name, name))
    return TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), rating_properties[RATING_PROP_COMPETENCY_NAME]);
  ik_competency_rating_emit_changed (self);
  return TRUE;
}

int
ik_competency_rating_get_rating (IkCompetencyRating *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), IK_RATING_UNRATED);

  return self->rating;
}

/**
 * ik_competency_rating_set_rating:
 * @self: a rating
 * @rating: %IK_RATING_UNRATED, 1 to %IK_RATING_MAX or %IK_RATING_NOT_ASSESSED
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_competency_rating_set_rating (IkCompetencyRating *self,
                                 int                 rating)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), FALSE);
  g_return_val_if_fail (rating >= IK_RATING_NOT_ASSESSED && rating <= IK_RATING_MAX, FALSE);

  if (self->read_only)
    return FALSE;
  if (self->rating == rating)
    return TRUE;

  self->rating = rating;
  g_object_notify_by_pspec (G_OBJECT (self), rating_properties[RATING_PROP_RATING]);
  ik_competency_rating_emit_changed (self);
  return TRUE;
}

const char *
ik_competency_rating_get_evidence (IkCompetencyRating *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), NULL);

  return self->evidence;
}

/**
 * ik_competency_rating_set_evidence:
 * @self: a rating
 * @evidence: (nullable): what the candidate said or did that supports the
 *   rating; %NULL is stored as ""
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_competency_rating_set_evidence (IkCompetencyRating *self,
                                   const char         *evidence)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), FALSE);

  if (self->read_only)
    return FALSE;
  if (!ik_set_text (&self->evidence, evidence))
    return TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), rating_properties[RATING_PROP_EVIDENCE]);
  ik_competency_rating_emit_changed (self);
  return TRUE;
}

/**
 * ik_competency_rating_get_evidence_questions:
 * @self: a rating
 *
 * Returns: (transfer none) (array zero-terminated=1): question ids
 */
const char * const *
ik_competency_rating_get_evidence_questions (IkCompetencyRating *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), NULL);

  return (const char * const *) self->evidence_questions;
}

/**
 * ik_competency_rating_set_evidence_questions:
 * @self: a rating
 * @question_ids: (nullable) (array zero-terminated=1): question ids
 *
 * Replaces the whole list.
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_competency_rating_set_evidence_questions (IkCompetencyRating *self,
                                             const char * const *question_ids)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), FALSE);

  if (self->read_only)
    return FALSE;
  if (question_ids == NULL)
    question_ids = empty;
  if (g_strv_equal ((const char * const *) self->evidence_questions, question_ids))
    return TRUE;

  g_strfreev (self->evidence_questions);
  self->evidence_questions = g_strdupv ((char **) question_ids);
  g_object_notify_by_pspec (G_OBJECT (self), rating_properties[RATING_PROP_EVIDENCE_QUESTIONS]);
  ik_competency_rating_emit_changed (self);
  return TRUE;
}

/**
 * ik_competency_rating_get_read_only:
 * @self: a rating
 *
 * Returns: whether the owning scorecard is submitted and not being amended
 */
gboolean
ik_competency_rating_get_read_only (IkCompetencyRating *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (self), FALSE);

  return self->read_only;
}

static IkCompetencyRating *
ik_competency_rating_new_from_json (JsonObject  *o,
                                    GError     **error)
{
  g_autoptr(IkCompetencyRating) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *evidence = NULL;
  g_auto(GStrv) questions = NULL;
  int rating = IK_RATING_UNRATED;

  if (!ik_json_get_id (o, "competency_id", TRUE, &id, error) ||
      !ik_json_get_string (o, "competency_name", FALSE, &name, error) ||
      !read_rating_member (o, &rating, error) ||
      !ik_json_get_string (o, "evidence", FALSE, &evidence, error) ||
      !ik_json_get_strv (o, "evidence_questions", FALSE, &questions, error))
    return NULL;

  self = ik_competency_rating_new (id, name);
  ik_competency_rating_set_rating (self, rating);
  ik_competency_rating_set_evidence (self, evidence);
  ik_competency_rating_set_evidence_questions (self, (const char * const *) questions);

  self->unknown = ik_json_collect_unknown (o, rating_known_members);
  return g_steal_pointer (&self);
}

static void
add_rating_value (JsonBuilder *b,
                  int          rating)
{
  if (rating == IK_RATING_UNRATED)
    return;

  json_builder_set_member_name (b, "rating");
  if (rating == IK_RATING_NOT_ASSESSED)
    json_builder_add_string_value (b, "not-assessed");
  else
    json_builder_add_int_value (b, rating);
}

static void
ik_competency_rating_to_json (IkCompetencyRating *self,
                              JsonBuilder        *b)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "competency_id");
  json_builder_add_string_value (b, self->competency_id);
  json_builder_set_member_name (b, "competency_name");
  json_builder_add_string_value (b, self->competency_name);
  add_rating_value (b, self->rating);
  json_builder_set_member_name (b, "evidence");
  json_builder_add_string_value (b, self->evidence);
  ik_json_add_strv (b, "evidence_questions", (const char * const *) self->evidence_questions);
  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);
}

/* IkScorecardRevision ---------------------------------------------------- */

/**
 * IkScorecardRevision:
 *
 * A submitted state of a scorecard that was later amended: when and why it
 * was amended, when it had been submitted, its seal and the content the
 * seal was computed over. Revisions are immutable.
 */
struct _IkScorecardRevision
{
  GObject     parent_instance;

  GDateTime  *time;
  char       *reason;
  GDateTime  *submitted;
  char       *seal;
  JsonObject *content;

  JsonObject *unknown;
};

G_DEFINE_FINAL_TYPE (IkScorecardRevision, ik_scorecard_revision, G_TYPE_OBJECT)

enum {
  REVISION_PROP_0,
  REVISION_PROP_TIME,
  REVISION_PROP_REASON,
  REVISION_PROP_SUBMITTED,
  REVISION_PROP_SEAL,
  REVISION_PROP_CONTENT,
  REVISION_N_PROPS
};

static GParamSpec *revision_properties[REVISION_N_PROPS];

static const char * const revision_known_members[] = {
  "time",
  "reason",
  "submitted",
  "seal",
  "content",
  NULL
};

static void
ik_scorecard_revision_finalize (GObject *object)
{
  IkScorecardRevision *self = (IkScorecardRevision *) object;

  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->submitted, g_date_time_unref);
  g_clear_pointer (&self->seal, g_free);
  g_clear_pointer (&self->content, json_object_unref);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_scorecard_revision_parent_class)->finalize (object);
}

static void
ik_scorecard_revision_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  IkScorecardRevision *self = IK_SCORECARD_REVISION (object);

  switch (prop_id)
    {
    case REVISION_PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case REVISION_PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case REVISION_PROP_SUBMITTED:
      g_value_set_boxed (value, self->submitted);
      break;
    case REVISION_PROP_SEAL:
      g_value_set_string (value, self->seal);
      break;
    case REVISION_PROP_CONTENT:
      g_value_set_boxed (value, self->content);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scorecard_revision_class_init (IkScorecardRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ik_scorecard_revision_finalize;
  object_class->get_property = ik_scorecard_revision_get_property;

  /**
   * IkScorecardRevision:time:
   *
   * When the submitted scorecard was amended.
   */
  revision_properties[REVISION_PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  revision_properties[REVISION_PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * IkScorecardRevision:submitted:
   *
   * When the superseded content had been submitted, if known.
   */
  revision_properties[REVISION_PROP_SUBMITTED] =
    g_param_spec_boxed ("submitted", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  revision_properties[REVISION_PROP_SEAL] =
    g_param_spec_string ("seal", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * IkScorecardRevision:content:
   *
   * The canonical content the seal was computed over, as a JSON object.
   */
  revision_properties[REVISION_PROP_CONTENT] =
    g_param_spec_boxed ("content", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, REVISION_N_PROPS, revision_properties);
}

static void
ik_scorecard_revision_init (IkScorecardRevision *self)
{
}

GDateTime *
ik_scorecard_revision_get_time (IkScorecardRevision *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_REVISION (self), NULL);

  return self->time;
}

const char *
ik_scorecard_revision_get_reason (IkScorecardRevision *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_REVISION (self), NULL);

  return self->reason;
}

/**
 * ik_scorecard_revision_get_submitted:
 * @self: a revision
 *
 * Returns: (transfer none) (nullable): when the superseded content had been
 *   submitted
 */
GDateTime *
ik_scorecard_revision_get_submitted (IkScorecardRevision *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_REVISION (self), NULL);

  return self->submitted;
}

const char *
ik_scorecard_revision_get_seal (IkScorecardRevision *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_REVISION (self), NULL);

  return self->seal;
}

/**
 * ik_scorecard_revision_get_content:
 * @self: a revision
 *
 * Returns: (transfer none): the sealed content; do not modify it
 */
JsonObject *
ik_scorecard_revision_get_content (IkScorecardRevision *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_REVISION (self), NULL);

  return self->content;
}

static IkScorecardRevision *
ik_scorecard_revision_new_from_json (JsonObject  *o,
                                     GError     **error)
{
  g_autoptr(IkScorecardRevision) self = g_object_new (IK_TYPE_SCORECARD_REVISION, NULL);
  JsonObject *content = NULL;

  if (!ik_json_get_time (o, "time", TRUE, &self->time, error) ||
      !ik_json_get_string (o, "reason", TRUE, &self->reason, error) ||
      !ik_json_get_time (o, "submitted", FALSE, &self->submitted, error) ||
      !ik_json_get_string (o, "seal", TRUE, &self->seal, error) ||
      !ik_json_get_object (o, "content", TRUE, &content, error))
    return NULL;

  if (is_blank (self->reason))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("reason: an amendment needs a reason"));
      return NULL;
    }
  if (!seal_is_valid (self->seal))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("seal: expected 64 lowercase hexadecimal digits"));
      return NULL;
    }

  self->content = json_object_ref (content);
  self->unknown = ik_json_collect_unknown (o, revision_known_members);
  return g_steal_pointer (&self);
}

static void
ik_scorecard_revision_to_json (IkScorecardRevision *self,
                               JsonBuilder         *b)
{
  JsonNode *content = json_node_alloc ();

  json_node_init_object (content, self->content);

  json_builder_begin_object (b);
  ik_json_add_time (b, "time", self->time);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, self->reason);
  ik_json_add_time (b, "submitted", self->submitted);
  json_builder_set_member_name (b, "seal");
  json_builder_add_string_value (b, self->seal);
  json_builder_set_member_name (b, "content");
  json_builder_add_value (b, content);
  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);
}

/* IkScorecardGap --------------------------------------------------------- */

/**
 * ik_scorecard_gap_free:
 * @gap: (transfer full): a gap
 */
void
ik_scorecard_gap_free (IkScorecardGap *gap)
{
  if (gap == NULL)
    return;

  g_free (gap->competency_id);
  g_free (gap->message);
  g_free (gap);
}

static IkScorecardGap *
ik_scorecard_gap_new (IkScorecardGapKind  kind,
                      const char         *competency_id,
                      char               *message)
{
  IkScorecardGap *gap = g_new0 (IkScorecardGap, 1);

  gap->kind = kind;
  gap->competency_id = g_strdup (competency_id);
  gap->message = message;
  return gap;
}

/* IkScorecard ------------------------------------------------------------ */

/**
 * IkScorecard:
 *
 * The outcome of a session: one #IkCompetencyRating per assessed
 * competency, an overall recommendation and a summary.
 *
 * While IkScorecard:read-only is %TRUE (after ik_scorecard_submit(), until
 * ik_scorecard_amend()), every setter of the scorecard and of its ratings
 * returns %FALSE and changes nothing. The owning session sets the context
 * (session and candidate ids) that is part of the sealed content.
 */
struct _IkScorecard
{
  GObject           parent_instance;

  GListStore       *ratings;
  IkRecommendation  recommendation;
  char             *summary;
  GDateTime        *submitted;
  char             *seal;
  GListStore       *revisions;
  gboolean          read_only;

  char             *session_id;
  char             *candidate_id;

  JsonObject       *unknown;

  /* Set during ik_scorecard_update_from(): the ratings' changes are part
   * of one change. */
  gboolean          updating;
};

G_DEFINE_FINAL_TYPE (IkScorecard, ik_scorecard, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RATINGS,
  PROP_RECOMMENDATION,
  PROP_SUMMARY,
  PROP_SUBMITTED,
  PROP_SEAL,
  PROP_REVISIONS,
  PROP_READ_ONLY,
  PROP_SESSION_ID,
  PROP_CANDIDATE_ID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_members[] = {
  "ratings",
  "recommendation",
  "summary",
  "submitted",
  "seal",
  "revisions",
  NULL
};

static void
ik_scorecard_emit_changed (IkScorecard *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_rating_changed (IkScorecard        *self,
                   IkCompetencyRating *rating)
{
  if (!self->updating)
    ik_scorecard_emit_changed (self);
}

static void
ik_scorecard_dispose (GObject *object)
{
  IkScorecard *self = (IkScorecard *) object;

  if (self->ratings != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i);

          g_signal_handlers_disconnect_by_func (rating, on_rating_changed, self);
        }
    }

  g_clear_object (&self->ratings);
  g_clear_object (&self->revisions);

  G_OBJECT_CLASS (ik_scorecard_parent_class)->dispose (object);
}

static void
ik_scorecard_finalize (GObject *object)
{
  IkScorecard *self = (IkScorecard *) object;

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->submitted, g_date_time_unref);
  g_clear_pointer (&self->seal, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->candidate_id, g_free);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_scorecard_parent_class)->finalize (object);
}

static void
ik_scorecard_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  IkScorecard *self = IK_SCORECARD (object);

  switch (prop_id)
    {
    case PROP_RATINGS:
      g_value_set_object (value, self->ratings);
      break;
    case PROP_RECOMMENDATION:
      g_value_set_enum (value, self->recommendation);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_SUBMITTED:
      g_value_set_boxed (value, self->submitted);
      break;
    case PROP_SEAL:
      g_value_set_string (value, self->seal);
      break;
    case PROP_REVISIONS:
      g_value_set_object (value, self->revisions);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;
    case PROP_CANDIDATE_ID:
      g_value_set_string (value, self->candidate_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scorecard_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  IkScorecard *self = IK_SCORECARD (object);

  switch (prop_id)
    {
    case PROP_RECOMMENDATION:
      ik_scorecard_set_recommendation (self, g_value_get_enum (value));
      break;
    case PROP_SUMMARY:
      ik_scorecard_set_summary (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_scorecard_class_init (IkScorecardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ik_scorecard_dispose;
  object_class->finalize = ik_scorecard_finalize;
  object_class->get_property = ik_scorecard_get_property;
  object_class->set_property = ik_scorecard_set_property;

  /**
   * IkScorecard:ratings:
   *
   * A #GListModel of #IkCompetencyRating, in planning order.
   */
  properties[PROP_RATINGS] =
    g_param_spec_object ("ratings", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_RECOMMENDATION] =
    g_param_spec_enum ("recommendation", NULL, NULL,
                       IK_TYPE_RECOMMENDATION, IK_RECOMMENDATION_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkScorecard:submitted:
   *
   * When the scorecard was submitted, or %NULL while it is a draft.
   */
  properties[PROP_SUBMITTED] =
    g_param_spec_boxed ("submitted", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkScorecard:seal:
   *
   * The lowercase hex SHA-256 of the submitted content, or %NULL.
   */
  properties[PROP_SEAL] =
    g_param_spec_string ("seal", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * IkScorecard:revisions:
   *
   * A #GListModel of #IkScorecardRevision, oldest first.
   */
  properties[PROP_REVISIONS] =
    g_param_spec_object ("revisions", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * IkScorecard:read-only:
   *
   * %TRUE when submitted and not being amended; setters are refused then.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CANDIDATE_ID] =
    g_param_spec_string ("candidate-id", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkScorecard::changed:
   *
   * Emitted after any edit of the scorecard or of one of its ratings.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ik_scorecard_init (IkScorecard *self)
{
  self->ratings = g_list_store_new (IK_TYPE_COMPETENCY_RATING);
  self->revisions = g_list_store_new (IK_TYPE_SCORECARD_REVISION);
  self->recommendation = IK_RECOMMENDATION_NONE;
  self->summary = g_strdup ("");
  self->session_id = g_strdup ("");
  self->candidate_id = g_strdup ("");
}

/**
 * ik_scorecard_new:
 *
 * Returns: (transfer full): a new, empty draft scorecard
 */
IkScorecard *
ik_scorecard_new (void)
{
  return g_object_new (IK_TYPE_SCORECARD, NULL);
}

static void
ik_scorecard_set_read_only (IkScorecard *self,
                            gboolean     read_only)
{
  guint n;

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i);

      ik_competency_rating_set_read_only (rating, read_only);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
ik_scorecard_append_rating (IkScorecard        *self,
                            IkCompetencyRating *rating)
{
  ik_competency_rating_set_read_only (rating, self->read_only);
  g_signal_connect_swapped (rating, "changed", G_CALLBACK (on_rating_changed), self);
  g_list_store_append (self->ratings, rating);
}

/**
 * ik_scorecard_new_from_json:
 * @o: a scorecard object, as written by ik_scorecard_to_json()
 * @error: return location for an error
 *
 * Reads a scorecard. A scorecard with a `submitted` time is read-only and
 * must carry a seal; the seal is not checked against the content here (see
 * ik_scorecard_verify_seal()) so that an edited file still opens.
 *
 * Returns: (transfer full) (nullable): the scorecard, or %NULL with @error set
 */
IkScorecard *
ik_scorecard_new_from_json (JsonObject  *o,
                            GError     **error)
{
  g_autoptr(IkScorecard) self = ik_scorecard_new ();
  JsonArray *ratings = NULL;
  JsonArray *revisions = NULL;
  int recommendation = IK_RECOMMENDATION_NONE;

  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ik_json_get_array (o, "ratings", FALSE, &ratings, error))
    return NULL;
  if (ratings != NULL && json_array_get_length (ratings) > IK_SCORECARD_MAX_RATINGS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("ratings: too many competencies (%u, at most %d)"),
                   json_array_get_length (ratings), IK_SCORECARD_MAX_RATINGS);
      return NULL;
    }

  for (guint i = 0; ratings != NULL && i < json_array_get_length (ratings); i++)
    {
      JsonNode *node = json_array_get_element (ratings, i);
      g_autoptr(IkCompetencyRating) rating = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("ratings[%u]: expected an object"), i);
          return NULL;
        }

      rating = ik_competency_rating_new_from_json (json_node_get_object (node), error);
      if (rating == NULL)
        {
          g_prefix_error (error, "ratings[%u].", i);
          return NULL;
        }

      if (ik_scorecard_find_rating (self, rating->competency_id) != NULL)
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("ratings[%u].competency_id: “%s” is rated twice"),
                       i, rating->competency_id);
          return NULL;
        }

      ik_scorecard_append_rating (self, rating);
    }

  g_clear_pointer (&self->summary, g_free);
  if (!ik_json_get_enum (o, "recommendation", FALSE, IK_TYPE_RECOMMENDATION, &recommendation, error) ||
      !ik_json_get_string (o, "summary", FALSE, &self->summary, error) ||
      !ik_json_get_time (o, "submitted", FALSE, &self->submitted, error) ||
      !ik_json_get_string (o, "seal", FALSE, &self->seal, error) ||
      !ik_json_get_array (o, "revisions", FALSE, &revisions, error))
    return NULL;

  if (self->summary == NULL)
    self->summary = g_strdup ("");
  self->recommendation = recommendation;

  if (revisions != NULL && json_array_get_length (revisions) > IK_SCORECARD_MAX_REVISIONS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("revisions: too many revisions (%u, at most %d)"),
                   json_array_get_length (revisions), IK_SCORECARD_MAX_REVISIONS);
      return NULL;
    }

  if (self->submitted != NULL && self->seal == NULL)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("seal: required member is missing"));
      return NULL;
    }
  if (self->seal != NULL && self->submitted == NULL)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("seal: only a submitted scorecard has a seal"));
      return NULL;
    }
  if (self->seal != NULL && !seal_is_valid (self->seal))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("seal: expected 64 lowercase hexadecimal digits"));
      return NULL;
    }

  for (guint i = 0; revisions != NULL && i < json_array_get_length (revisions); i++)
    {
      JsonNode *node = json_array_get_element (revisions, i);
      g_autoptr(IkScorecardRevision) revision = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("revisions[%u]: expected an object"), i);
          return NULL;
        }

      revision = ik_scorecard_revision_new_from_json (json_node_get_object (node), error);
      if (revision == NULL)
        {
          g_prefix_error (error, "revisions[%u].", i);
          return NULL;
        }
      g_list_store_append (self->revisions, revision);
    }

  self->unknown = ik_json_collect_unknown (o, known_members);
  ik_scorecard_set_read_only (self, self->submitted != NULL);

  return g_steal_pointer (&self);
}

/**
 * ik_scorecard_to_json:
 * @self: a scorecard
 * @b: a builder, positioned where a value is expected
 *
 * Writes the scorecard as one JSON object. The context (session and
 * candidate ids) is not written: it belongs to the session document.
 */
void
ik_scorecard_to_json (IkScorecard *self,
                      JsonBuilder *b)
{
  guint n;

  g_return_if_fail (IK_IS_SCORECARD (self));
  g_return_if_fail (JSON_IS_BUILDER (b));

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "ratings");
  json_builder_begin_array (b);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i);

      ik_competency_rating_to_json (rating, b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "recommendation");
  json_builder_add_string_value (b, ik_enum_to_nick (IK_TYPE_RECOMMENDATION, self->recommendation));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, self->summary);

  if (self->submitted != NULL)
    {
      ik_json_add_time (b, "submitted", self->submitted);
      json_builder_set_member_name (b, "seal");
      json_builder_add_string_value (b, self->seal);
    }

  json_builder_set_member_name (b, "revisions");
  json_builder_begin_array (b);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->revisions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkScorecardRevision) revision = g_list_model_get_item (G_LIST_MODEL (self->revisions), i);

      ik_scorecard_revision_to_json (revision, b);
    }
  json_builder_end_array (b);

  ik_json_add_unknown (b, self->unknown);

  json_builder_end_object (b);
}

/**
 * ik_scorecard_set_context:
 * @self: a scorecard
 * @session_id: (nullable): the id of the owning session
 * @candidate_id: (nullable): the candidate id of the owning session
 *
 * Called by the owning session. The context is part of the sealed content,
 * so a seal proves which session and candidate the ratings were for. It is
 * accepted even while read-only (the session refuses to change its
 * candidate id then); a changed context makes ik_scorecard_verify_seal()
 * fail.
 */
void
ik_scorecard_set_context (IkScorecard *self,
                          const char  *session_id,
                          const char  *candidate_id)
{
  g_return_if_fail (IK_IS_SCORECARD (self));

  if (ik_set_text (&self->session_id, session_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
  if (ik_set_text (&self->candidate_id, candidate_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATE_ID]);
}

const char *
ik_scorecard_get_session_id (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return self->session_id;
}

const char *
ik_scorecard_get_candidate_id (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return self->candidate_id;
}

/**
 * ik_scorecard_get_ratings:
 * @self: a scorecard
 *
 * Returns: (transfer none): a #GListModel of #IkCompetencyRating
 */
GListModel *
ik_scorecard_get_ratings (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return G_LIST_MODEL (self->ratings);
}

static gboolean
find_rating_position (IkScorecard *self,
                      const char  *competency_id,
                      guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i);

      if (g_strcmp0 (rating->competency_id, competency_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ik_scorecard_find_rating:
 * @self: a scorecard
 * @competency_id: a competency id
 *
 * Returns: (transfer none) (nullable): the rating of that competency
 */
IkCompetencyRating *
ik_scorecard_find_rating (IkScorecard *self,
                          const char  *competency_id)
{
  IkCompetencyRating *rating;
  guint position;

  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);
  g_return_val_if_fail (competency_id != NULL, NULL);

  if (!find_rating_position (self, competency_id, &position))
    return NULL;

  /* The store keeps its own reference, so a borrowed pointer is safe. */
  rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), position);
  g_object_unref (rating);
  return rating;
}

/**
 * ik_scorecard_add_rating:
 * @self: a scorecard
 * @rating: a rating not owned by another scorecard
 *
 * Appends @rating. A competency can be rated only once, and a scorecard
 * rates at most %IK_SCORECARD_MAX_RATINGS competencies.
 *
 * Returns: %FALSE when refused: the scorecard is read-only, full, or already
 *   rates that competency
 */
gboolean
ik_scorecard_add_rating (IkScorecard        *self,
                         IkCompetencyRating *rating)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (IK_IS_COMPETENCY_RATING (rating), FALSE);

  if (self->read_only)
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->ratings)) >= IK_SCORECARD_MAX_RATINGS)
    return FALSE;
  if (ik_scorecard_find_rating (self, rating->competency_id) != NULL)
    return FALSE;

  ik_scorecard_append_rating (self, rating);
  ik_scorecard_emit_changed (self);
  return TRUE;
}

/**
 * ik_scorecard_remove_rating:
 * @self: a scorecard
 * @competency_id: a competency id
 *
 * Returns: %FALSE when refused (read-only) or when there is no such rating
 */
gboolean
ik_scorecard_remove_rating (IkScorecard *self,
                            const char  *competency_id)
{
  g_autoptr(IkCompetencyRating) rating = NULL;
  guint position;

  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (competency_id != NULL, FALSE);

  if (self->read_only)
    return FALSE;
  if (!find_rating_position (self, competency_id, &position))
    return FALSE;

  rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), position);
  g_signal_handlers_disconnect_by_func (rating, on_rating_changed, self);
  ik_competency_rating_set_read_only (rating, FALSE);
  g_list_store_remove (self->ratings, position);
  ik_scorecard_emit_changed (self);
  return TRUE;
}

IkRecommendation
ik_scorecard_get_recommendation (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), IK_RECOMMENDATION_NONE);

  return self->recommendation;
}

/**
 * ik_scorecard_set_recommendation:
 * @self: a scorecard
 * @recommendation: the overall recommendation
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_scorecard_set_recommendation (IkScorecard      *self,
                                 IkRecommendation  recommendation)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (recommendation >= IK_RECOMMENDATION_NONE &&
                        recommendation <= IK_RECOMMENDATION_STRONG_YES, FALSE);

  if (self->read_only)
    return FALSE;
  if (self->recommendation == recommendation)
    return TRUE;

  self->recommendation = recommendation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOMMENDATION]);
  ik_scorecard_emit_changed (self);
  return TRUE;
}

const char *
ik_scorecard_get_summary (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return self->summary;
}

/**
 * ik_scorecard_set_summary:
 * @self: a scorecard
 * @summary: (nullable): free text; %NULL is stored as ""
 *
 * Returns: %FALSE when refused because the scorecard is read-only
 */
gboolean
ik_scorecard_set_summary (IkScorecard *self,
                          const char  *summary)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);

  if (self->read_only)
    return FALSE;
  if (!ik_set_text (&self->summary, summary))
    return TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
  ik_scorecard_emit_changed (self);
  return TRUE;
}

/**
 * ik_scorecard_get_submitted:
 * @self: a scorecard
 *
 * Returns: (transfer none) (nullable): when it was submitted, %NULL for a
 *   draft (including one being amended)
 */
GDateTime *
ik_scorecard_get_submitted (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return self->submitted;
}

/**
 * ik_scorecard_get_seal:
 * @self: a scorecard
 *
 * Returns: (nullable): the seal stored at submission, %NULL for a draft
 */
const char *
ik_scorecard_get_seal (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return self->seal;
}

/**
 * ik_scorecard_get_revisions:
 * @self: a scorecard
 *
 * Returns: (transfer none): a #GListModel of #IkScorecardRevision
 */
GListModel *
ik_scorecard_get_revisions (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  return G_LIST_MODEL (self->revisions);
}

gboolean
ik_scorecard_get_read_only (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);

  return self->read_only;
}

static int
compare_ratings_by_id (gconstpointer a,
                       gconstpointer b)
{
  IkCompetencyRating *ra = *(IkCompetencyRating * const *) a;
  IkCompetencyRating *rb = *(IkCompetencyRating * const *) b;

  return strcmp (ra->competency_id, rb->competency_id);
}

static void
add_text (JsonBuilder *b,
          const char  *member,
          const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

/* The content the seal is computed over, as a tree whose members are in
 * the fixed order of the canonical form. */
static JsonNode *
canonical_content_node (IkScorecard *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) sorted = NULL;
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));
  sorted = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (self->ratings), i));
  g_ptr_array_sort (sorted, compare_ratings_by_id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seal_version");
  json_builder_add_int_value (b, SEAL_VERSION);
  add_text (b, "session_id", self->session_id);
  add_text (b, "candidate_id", self->candidate_id);
  json_builder_set_member_name (b, "ratings");
  json_builder_begin_array (b);
  for (guint i = 0; i < sorted->len; i++)
    {
      IkCompetencyRating *rating = g_ptr_array_index (sorted, i);

      json_builder_begin_object (b);
      add_text (b, "competency_id", rating->competency_id);
      json_builder_set_member_name (b, "rating");
      if (rating->rating == IK_RATING_UNRATED)
        json_builder_add_null_value (b);
      else if (rating->rating == IK_RATING_NOT_ASSESSED)
        json_builder_add_string_value (b, "not-assessed");
      else
        json_builder_add_int_value (b, rating->rating);
      add_text (b, "evidence", rating->evidence);
      json_builder_set_member_name (b, "evidence_questions");
      json_builder_begin_array (b);
      for (guint j = 0; rating->evidence_questions[j] != NULL; j++)
        json_builder_add_string_value (b, rating->evidence_questions[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_text (b, "recommendation", ik_enum_to_nick (IK_TYPE_RECOMMENDATION, self->recommendation));
  add_text (b, "summary", self->summary);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/**
 * ik_scorecard_get_canonical_content:
 * @self: a scorecard
 *
 * The content the seal is computed over, as compact JSON with a fixed
 * member order (never the order of a hash table), written by ik_json_write()
 * with %IK_JSON_WRITE_CANONICAL:
 * `{"seal_version":1,"session_id":…,"candidate_id":…,"ratings":[{"competency_id":…,
 * "rating":1..4|"not-assessed"|null,"evidence":…,"evidence_questions":[…]}…],
 * "recommendation":nick,"summary":…}` with ratings sorted by competency id.
 * Competency names are not included: they are a display snapshot.
 *
 * Returns: (transfer full): the canonical serialisation
 */
char *
ik_scorecard_get_canonical_content (IkScorecard *self)
{
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(GError) error = NULL;
  GString *out;

  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  content = canonical_content_node (self);
  out = g_string_new (NULL);
  /* Canonical writing copies every byte it does not escape, unchecked,
   * and the tree holds only strings, integers and null: it cannot fail. */
  if (!ik_json_write (out, content, IK_JSON_WRITE_CANONICAL, &error))
    g_error ("The canonical content of a scorecard could not be written: %s", error->message);
  return g_string_free (out, FALSE);
}

/**
 * ik_scorecard_compute_seal:
 * @self: a scorecard
 *
 * Computes the SHA-256 of ik_scorecard_get_canonical_content(): the same
 * content always gives the same seal, and any change of a rating, evidence,
 * recommendation, summary or context gives a different one.
 *
 * Returns: (transfer full): 64 lowercase hexadecimal digits
 */
char *
ik_scorecard_compute_seal (IkScorecard *self)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  canonical = ik_scorecard_get_canonical_content (self);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/**
 * ik_scorecard_verify_seal:
 * @self: a scorecard
 *
 * Returns: %TRUE when the scorecard is submitted and its content still
 *   matches the stored seal; %FALSE for a draft or altered content
 */
gboolean
ik_scorecard_verify_seal (IkScorecard *self)
{
  g_autofree char *seal = NULL;

  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);

  if (self->seal == NULL)
    return FALSE;

  seal = ik_scorecard_compute_seal (self);
  return g_strcmp0 (seal, self->seal) == 0;
}

/**
 * ik_scorecard_submit:
 * @self: a scorecard
 * @when: (nullable): the submission time, %NULL for now
 *
 * Seals the scorecard and makes it read-only. Completeness is not checked
 * here; see ik_scorecard_check_complete().
 *
 * Returns: %FALSE when refused because the scorecard is already submitted
 */
gboolean
ik_scorecard_submit (IkScorecard *self,
                     GDateTime   *when)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);

  if (self->read_only)
    return FALSE;

  g_clear_pointer (&self->submitted, g_date_time_unref);
  self->submitted = when != NULL ? g_date_time_ref (when) : g_date_time_new_now_local ();
  g_free (self->seal);
  self->seal = ik_scorecard_compute_seal (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEAL]);
  ik_scorecard_set_read_only (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  ik_scorecard_emit_changed (self);
  return TRUE;
}

/**
 * ik_scorecard_amend:
 * @self: a submitted scorecard
 * @reason: why it is being changed; must not be blank
 * @error: return location for an error
 *
 * Starts an amendment: the submitted state (its submission time, seal and
 * canonical content) is appended to the revisions with @reason and the
 * current time, and the scorecard becomes an editable draft again. A later
 * ik_scorecard_submit() seals it anew. Revisions are only ever appended.
 *
 * Returns: %FALSE with @error set when the scorecard is not submitted or
 *   @reason is blank
 */
gboolean
ik_scorecard_amend (IkScorecard  *self,
                    const char   *reason,
                    GError      **error)
{
  g_autoptr(IkScorecardRevision) revision = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->read_only)
    {
      g_set_error_literal (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_NOT_SUBMITTED,
                           _("Only a submitted scorecard can be amended"));
      return FALSE;
    }
  if (reason == NULL || !g_utf8_validate (reason, -1, NULL) || is_blank (reason))
    {
      g_set_error_literal (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_NO_REASON,
                           _("Give a reason for amending the submitted scorecard"));
      return FALSE;
    }
  /* The reader refuses more, which would lose the whole interview. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->revisions)) >= IK_LIMIT_SCORECARD_REVISIONS)
    {
      g_set_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_LIMIT,
                   _("This scorecard has been amended %d times, the most that can be saved"),
                   IK_LIMIT_SCORECARD_REVISIONS);
      return FALSE;
    }
  if (strlen (reason) > IK_LIMIT_TEXT_LENGTH)
    {
      g_autofree char *max = g_format_size_full (IK_LIMIT_TEXT_LENGTH, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_LIMIT,
                   _("The reason for the amendment is longer than %s"), max);
      return FALSE;
    }

  /* The tree the seal was computed over, not its text parsed back. Sealed:
   * a revision is never modified. */
  content = canonical_content_node (self);
  json_node_seal (content);

  stripped = g_strstrip (g_strdup (reason));

  revision = g_object_new (IK_TYPE_SCORECARD_REVISION, NULL);
  revision->time = g_date_time_new_now_local ();
  revision->reason = g_steal_pointer (&stripped);
  revision->submitted = g_steal_pointer (&self->submitted);
  revision->seal = g_steal_pointer (&self->seal);
  revision->content = json_object_ref (json_node_get_object (content));
  g_list_store_append (self->revisions, revision);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEAL]);
  ik_scorecard_set_read_only (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));

  ik_scorecard_emit_changed (self);
  return TRUE;
}

/**
 * ik_scorecard_check_complete:
 * @self: a scorecard
 * @require_evidence: whether every competency rated 1 to %IK_RATING_MAX
 *   needs non-blank evidence
 *
 * Lists what is missing before the scorecard should be submitted: unrated
 * competencies (“not assessed” counts as a rating and needs no evidence),
 * rated competencies without evidence when @require_evidence, and a
 * missing recommendation. Gaps come in the order of the ratings, the
 * recommendation last.
 *
 * Returns: (transfer full) (element-type IkScorecardGap): the gaps, empty
 *   when the scorecard is complete
 */
GPtrArray *
ik_scorecard_check_complete (IkScorecard *self,
                             gboolean     require_evidence)
{
  GPtrArray *gaps;
  guint n;

  g_return_val_if_fail (IK_IS_SCORECARD (self), NULL);

  gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_scorecard_gap_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->ratings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (G_LIST_MODEL (self->ratings), i);
      const char *name = !is_blank (rating->competency_name) ? rating->competency_name
                                                             : rating->competency_id;

      if (rating->rating == IK_RATING_UNRATED)
        g_ptr_array_add (gaps,
                         ik_scorecard_gap_new (IK_SCORECARD_GAP_UNRATED, rating->competency_id,
                                               g_strdup_printf (_("“%s” is not rated"), name)));
      else if (require_evidence && rating->rating > 0 && is_blank (rating->evidence))
        g_ptr_array_add (gaps,
                         ik_scorecard_gap_new (IK_SCORECARD_GAP_NO_EVIDENCE, rating->competency_id,
                                               g_strdup_printf (_("“%s” has a rating but no evidence"), name)));
    }

  if (self->recommendation == IK_RECOMMENDATION_NONE)
    g_ptr_array_add (gaps,
                     ik_scorecard_gap_new (IK_SCORECARD_GAP_NO_RECOMMENDATION, NULL,
                                           g_strdup (_("No overall recommendation is chosen"))));

  return gaps;
}

/* Makes a rating hold what @source holds, read-only or not: it is the
 * file's content, not an edit. */
static gboolean
ik_competency_rating_update_from (IkCompetencyRating *self,
                                  IkCompetencyRating *source)
{
  gboolean changed = FALSE;

  if (self == source)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= ik_update_string (G_OBJECT (self), &self->competency_name, source->competency_name,
                               rating_properties[RATING_PROP_COMPETENCY_NAME]);
  changed |= IK_UPDATE_FIELD (self, self->rating, source->rating,
                              rating_properties[RATING_PROP_RATING]);
  changed |= ik_update_string (G_OBJECT (self), &self->evidence, source->evidence,
                               rating_properties[RATING_PROP_EVIDENCE]);
  if (!g_strv_equal ((const char * const *) self->evidence_questions,
                     (const char * const *) source->evidence_questions))
    {
      g_strfreev (self->evidence_questions);
      self->evidence_questions = g_strdupv (source->evidence_questions);
      g_object_notify_by_pspec (G_OBJECT (self),
                                rating_properties[RATING_PROP_EVIDENCE_QUESTIONS]);
      changed = TRUE;
    }
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ik_competency_rating_emit_changed (self);
  return changed;
}

static const char *
rating_competency_id (gpointer item)
{
  return IK_COMPETENCY_RATING (item)->competency_id;
}

static void
on_rating_removed (gpointer item,
                   gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (item, on_rating_changed, user_data);
  ik_competency_rating_set_read_only (item, FALSE);
}

static void
on_rating_added (gpointer item,
                 gpointer user_data)
{
  IkScorecard *self = user_data;

  ik_competency_rating_set_read_only (item, self->read_only);
  g_signal_connect_swapped (item, "changed", G_CALLBACK (on_rating_changed), self);
}

static gboolean
revision_equal (IkScorecardRevision *a,
                IkScorecardRevision *b)
{
  g_autoptr(JsonBuilder) builder_a = json_builder_new ();
  g_autoptr(JsonBuilder) builder_b = json_builder_new ();
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  ik_scorecard_revision_to_json (a, builder_a);
  ik_scorecard_revision_to_json (b, builder_b);
  node_a = json_builder_get_root (builder_a);
  node_b = json_builder_get_root (builder_b);
  return json_node_equal (node_a, node_b);
}

/* Revisions are immutable: the ones both have stay, the rest is spliced. */
static gboolean
update_revisions (IkScorecard *self,
                  IkScorecard *source)
{
  GListModel *old = G_LIST_MODEL (self->revisions);
  GListModel *new = G_LIST_MODEL (source->revisions);
  g_autoptr(GPtrArray) additions = NULL;
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = g_list_model_get_n_items (new);
  guint same = 0;

  while (same < MIN (n_old, n_new))
    {
      g_autoptr(IkScorecardRevision) a = g_list_model_get_item (old, same);
      g_autoptr(IkScorecardRevision) b = g_list_model_get_item (new, same);

      if (!revision_equal (a, b))
        break;
      same++;
    }
  if (same == n_old && same == n_new)
    return FALSE;

  additions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = same; i < n_new; i++)
    g_ptr_array_add (additions, g_list_model_get_item (new, i));
  g_list_store_splice (self->revisions, same, n_old - same, additions->pdata, additions->len);
  return TRUE;
}

/**
 * ik_scorecard_update_from:
 * @self: a scorecard
 * @source: a freshly read scorecard of the same session; left empty (its
 *   ratings may have moved to @self)
 *
 * Makes @self hold what @source holds, read-only or not (this is not an
 * edit but the file's content): ratings, recommendation, summary,
 * submitted, seal, revisions, read-only, context and unknown members.
 * Ratings with the same competency id stay the same objects, updated in
 * place. Notifies every property that changed, emits items-changed for
 * the lists, then #IkScorecard::changed once when anything changed.
 *
 * Returns: whether anything changed
 */
gboolean
ik_scorecard_update_from (IkScorecard *self,
                          IkScorecard *source)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (IK_IS_SCORECARD (source), FALSE);

  if (self == source)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->updating = TRUE;

  changed |= ik_list_store_update_from (self->ratings, G_LIST_MODEL (source->ratings),
                                        rating_competency_id,
                                        (IkListUpdateFunc) ik_competency_rating_update_from,
                                        on_rating_removed, on_rating_added, self);
  changed |= IK_UPDATE_FIELD (self, self->recommendation, source->recommendation,
                              properties[PROP_RECOMMENDATION]);
  changed |= ik_update_string (G_OBJECT (self), &self->summary, source->summary,
                               properties[PROP_SUMMARY]);
  changed |= ik_update_time (G_OBJECT (self), &self->submitted, source->submitted,
                             properties[PROP_SUBMITTED]);
  changed |= ik_update_string (G_OBJECT (self), &self->seal, source->seal,
                               properties[PROP_SEAL]);
  changed |= update_revisions (self, source);
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);
  ik_scorecard_set_read_only (self, source->read_only);
  ik_scorecard_set_context (self, source->session_id, source->candidate_id);

  ik_list_store_detach_all (source->ratings, on_rating_changed, source);

  self->updating = FALSE;
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ik_scorecard_emit_changed (self);
  return changed;
}
