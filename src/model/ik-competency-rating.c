/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-competency-rating.c: IkCompetencyRating, one rating of a scorecard. */
#include "config.h"

#include "ik-scorecard-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

/* Reads "rating": 1..IK_RATING_MAX or "not-assessed"; absent or null is
 * unrated. */
gboolean
ik_competency_rating_read_rating (JsonObject  *o,
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

/* In this order: ik_competency_rating_new_from_pull() reads them by
 * index. */
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

  ik_listeners_clear (&self->listeners);
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

/* The containers hear the change before the signal's handlers do. */
IK_DEFINE_LISTENERS (IkCompetencyRating, ik_competency_rating)

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
    g_signal_new_class_handler ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_FIRST,
                  G_CALLBACK (ik_competency_rating_real_changed), NULL, NULL, NULL,
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

void
ik_competency_rating_emit_changed (IkCompetencyRating *self)
{
  g_signal_emit (self, rating_signals[RATING_CHANGED], 0);
}

void
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

IkCompetencyRating *
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
      !ik_competency_rating_read_rating (o, &rating, error) ||
      !ik_json_get_string (o, "evidence", FALSE, &evidence, error) ||
      !ik_json_get_strv (o, "evidence_questions", FALSE, &questions, error))
    return NULL;

  self = ik_competency_rating_new (id, name);
  ik_competency_rating_set_rating (self, rating);
  ik_competency_rating_set_evidence (self, evidence);
  ik_competency_rating_set_evidence_questions (self, (const char * const *) questions);

  self->unknown = ik_json_collect_unknown_or_null (o, rating_known_members);
  return g_steal_pointer (&self);
}

/**
 * ik_competency_rating_new_from_pull:
 * @pull: a reader that has just given the "{" of a rating object
 *
 * The library load's fast way to ik_competency_rating_new_from_json()
 * (see ik_question_new_from_pull()): "competency_id" first, as the writer
 * puts it; %NULL without a reason for anything else.
 *
 * Returns: (transfer full) (nullable): the rating, the reader just past its
 *   "}", or %NULL
 */
IkCompetencyRating *
ik_competency_rating_new_from_pull (IkJsonPull *pull)
{
  g_autoptr(IkCompetencyRating) self = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  guint seen = 0;
  int member;

  /* rating_known_members[0] is "competency_id". */
  if (ik_json_pull_next_known (pull, rating_known_members, &seen, &unknown) != 0
      || ik_json_pull_next (pull) != IK_JSON_TOKEN_STRING
      || !ik_json_pull_string_is_valid (pull)
      || !ik_id_is_valid (ik_json_pull_get_string (pull, NULL)))
    return NULL;
  self = ik_competency_rating_new (ik_json_pull_get_string (pull, NULL), NULL);

  while ((member = ik_json_pull_next_known (pull, rating_known_members, &seen, &unknown)) >= 0)
    {
      IkJsonToken token = ik_json_pull_next (pull);
      const char *text = ik_json_pull_get_string (pull, NULL);

      if (token == IK_JSON_TOKEN_NULL)
        continue;
      switch (member)
        {
        case 1:   /* "competency_name" */
        case 3:   /* "evidence" */
          if (token != IK_JSON_TOKEN_STRING || !ik_json_pull_string_is_valid (pull))
            return NULL;
          if (member == 1)
            ik_set_text (&self->competency_name, text);
          else
            ik_competency_rating_set_evidence (self, text);
          break;
        case 2:   /* "rating": 1..IK_RATING_MAX or "not-assessed" */
          {
            gint64 value = ik_json_pull_get_int (pull);

            if (token == IK_JSON_TOKEN_INT && value >= 1 && value <= IK_RATING_MAX)
              ik_competency_rating_set_rating (self, (int) value);
            else if (token == IK_JSON_TOKEN_STRING && strcmp (text, "not-assessed") == 0)
              ik_competency_rating_set_rating (self, IK_RATING_NOT_ASSESSED);
            else
              return NULL;
          }
          break;
        case 4:   /* "evidence_questions" */
          {
            g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

            if (token != IK_JSON_TOKEN_BEGIN_ARRAY || !ik_json_pull_read_strings (pull, ids))
              return NULL;
            g_ptr_array_add (ids, NULL);
            ik_competency_rating_set_evidence_questions (self, (const char * const *) ids->pdata);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (member != IK_JSON_PULL_END)
    return NULL;

  g_clear_pointer (&self->unknown, json_object_unref);
  self->unknown = g_steal_pointer (&unknown);
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

void
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

/* Makes a rating hold what @source holds, read-only or not: it is the
 * file's content, not an edit. */
gboolean
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
