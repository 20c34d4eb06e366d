/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ik-scorecard-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

G_DEFINE_QUARK (ik-scorecard-error-quark, ik_scorecard_error)

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
 *
 * The seal is recomputed when the context is set (so for every submitted
 * scorecard a session reads) and when the file is read again: a
 * submitted scorecard whose content no longer gives its seal was changed
 * outside Interview Kit and is IkScorecard:altered. Nothing re-seals it
 * but an amendment, which keeps the altered submission in the history.
 */

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
  PROP_ALTERED,
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
  "altered",
  NULL
};

static void
ik_scorecard_emit_changed (IkScorecard *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_rating_changed (gpointer scorecard,
                   gpointer rating)
{
  IkScorecard *self = scorecard;

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

          ik_listeners_remove (rating, on_rating_changed, self);
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

  ik_listeners_clear (&self->listeners);
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
    case PROP_ALTERED:
      g_value_set_boolean (value, self->altered);
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

/* The containers hear the change before the signal's handlers do. */
IK_DEFINE_LISTENERS (IkScorecard, ik_scorecard)

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

  /**
   * IkScorecard:altered:
   *
   * %TRUE when the scorecard is submitted but was changed outside
   * Interview Kit: its content no longer gives its seal (or the file says
   * it was altered). The content is shown as it is, flagged; the stored
   * seal is kept and written back unchanged. Only ik_scorecard_amend()
   * and a new ik_scorecard_submit() clear it, and the revision the
   * amendment keeps is altered in turn.
   */
  properties[PROP_ALTERED] =
    g_param_spec_boolean ("altered", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkScorecard::changed:
   *
   * Emitted after any edit of the scorecard or of one of its ratings.
   */
  signals[CHANGED] =
    g_signal_new_class_handler ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_FIRST,
                  G_CALLBACK (ik_scorecard_real_changed), NULL, NULL, NULL,
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
ik_scorecard_set_altered (IkScorecard *self,
                          gboolean     altered)
{
  altered = !!altered;
  if (self->altered == altered)
    return;

  self->altered = altered;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALTERED]);
}

/* Recomputes the seal of a submitted scorecard: IkScorecard:altered. */
static void
ik_scorecard_check_seal (IkScorecard *self)
{
  ik_scorecard_set_altered (self, self->seal != NULL
                                  && (self->altered_in_file || !ik_scorecard_verify_seal (self)));
}

static void
ik_scorecard_append_rating (IkScorecard        *self,
                            IkCompetencyRating *rating)
{
  ik_competency_rating_set_read_only (rating, self->read_only);
  ik_listeners_add (rating, on_rating_changed, self);
  g_list_store_append (self->ratings, rating);
}

static IkScorecard *new_from_object (JsonObject  *o,
                                     GPtrArray   *pulled,
                                     GError     **error);

/**
 * ik_scorecard_new_from_json:
 * @o: a scorecard object, as written by ik_scorecard_to_json()
 * @error: return location for an error
 *
 * Reads a scorecard. A scorecard with a `submitted` time is read-only and
 * must carry a seal; the seal is not checked against the content here but
 * when the owning session sets the context (ik_scorecard_set_context()),
 * so that an edited file still opens, flagged IkScorecard:altered.
 *
 * Returns: (transfer full) (nullable): the scorecard, or %NULL with @error set
 */
IkScorecard *
ik_scorecard_new_from_json (JsonObject  *o,
                            GError     **error)
{
  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_object (o, NULL, error);
}

/* Appends @rating unless its competency is rated already. */
static gboolean
append_new_rating (IkScorecard         *self,
                   IkCompetencyRating  *rating,
                   guint                i,
                   GError             **error)
{
  if (ik_scorecard_find_rating (self, rating->competency_id) != NULL)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("ratings[%u].competency_id: “%s” is rated twice"),
                   i, rating->competency_id);
      return FALSE;
    }
  ik_scorecard_append_rating (self, rating);
  return TRUE;
}

/* The ratings, when given, have been read from the tokens; "ratings" is
 * then not in @o. */
static IkScorecard *
new_from_object (JsonObject  *o,
                 GPtrArray   *pulled,
                 GError     **error)
{
  g_autoptr(IkScorecard) self = ik_scorecard_new ();
  JsonArray *ratings = NULL;
  JsonArray *revisions = NULL;
  int recommendation = IK_RECOMMENDATION_NONE;

  for (guint i = 0; pulled != NULL && i < pulled->len; i++)
    if (!append_new_rating (self, g_ptr_array_index (pulled, i), i, error))
      return NULL;

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

      if (!append_new_rating (self, rating, i, error))
        return NULL;
    }

  g_clear_pointer (&self->summary, g_free);
  if (!ik_json_get_enum (o, "recommendation", FALSE, IK_TYPE_RECOMMENDATION, &recommendation, error) ||
      !ik_json_get_string (o, "summary", FALSE, &self->summary, error) ||
      !ik_json_get_time (o, "submitted", FALSE, &self->submitted, error) ||
      !ik_json_get_string (o, "seal", FALSE, &self->seal, error) ||
      !ik_json_get_array (o, "revisions", FALSE, &revisions, error) ||
      !ik_json_get_bool (o, "altered", FALSE, &self->altered_in_file, error))
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
  if (self->seal != NULL && !ik_scorecard_seal_is_valid (self->seal))
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

  self->unknown = ik_json_collect_unknown_or_null (o, known_members);
  ik_scorecard_set_read_only (self, self->submitted != NULL);

  return g_steal_pointer (&self);
}

static gpointer
pull_rating (IkJsonPull *pull,
             gpointer    user_data)
{
  return ik_competency_rating_new_from_pull (pull);
}

/**
 * ik_scorecard_new_from_pull:
 * @pull: a reader that has just given the "{" of a scorecard object
 *
 * The library load's fast way to ik_scorecard_new_from_json() (see
 * ik_session_new_from_data()): the ratings are read straight from the
 * tokens, the rest as nodes by the same reader. %NULL, without a reason,
 * for whatever ik_scorecard_new_from_json() would refuse or this does not
 * take.
 *
 * Returns: (transfer full) (nullable): the scorecard, the reader just past
 *   its "}", or %NULL
 */
IkScorecard *
ik_scorecard_new_from_pull (IkJsonPull *pull)
{
  IkJsonPullMember member = { "ratings", TRUE, IK_SCORECARD_MAX_RATINGS, pull_rating, NULL, NULL };
  g_autoptr(JsonObject) o = ik_json_pull_read_object (pull, &member, 1);
  g_autoptr(GPtrArray) ratings = member.objects;

  if (o == NULL)
    return NULL;
  if (ratings == NULL)
    ratings = g_ptr_array_new ();
  return new_from_object (o, ratings, NULL);
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
      /* The seal stays the one submitted: the evidence of the change. */
      if (self->altered)
        {
          json_builder_set_member_name (b, "altered");
          json_builder_add_boolean_value (b, TRUE);
        }
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
 * fail. A new context recomputes the seal of a submitted scorecard:
 * IkScorecard:altered.
 */
void
ik_scorecard_set_context (IkScorecard *self,
                          const char  *session_id,
                          const char  *candidate_id)
{
  gboolean changed = FALSE;

  g_return_if_fail (IK_IS_SCORECARD (self));

  if (ik_set_text (&self->session_id, session_id))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
      changed = TRUE;
    }
  if (ik_set_text (&self->candidate_id, candidate_id))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANDIDATE_ID]);
      changed = TRUE;
    }
  if (changed)
    ik_scorecard_check_seal (self);
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
  ik_listeners_remove (rating, on_rating_changed, self);
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

/**
 * ik_scorecard_get_altered:
 * @self: a scorecard
 *
 * Returns: %TRUE when the submitted scorecard was changed outside
 *   Interview Kit (see IkScorecard:altered)
 */
gboolean
ik_scorecard_get_altered (IkScorecard *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD (self), FALSE);

  return self->altered;
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
  self->altered_in_file = FALSE;
  ik_scorecard_set_altered (self, FALSE);
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
 * An altered scorecard stays visible as such: the revision it leaves is
 * altered (IkScorecardRevision:altered), with the content as it was found
 * and the seal it did not match.
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
  if (reason == NULL || !g_utf8_validate (reason, -1, NULL) || ik_scorecard_is_blank (reason))
    {
      g_set_error_literal (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_NO_REASON,
                           _("Give a reason for amending the submitted scorecard"));
      return FALSE;
    }
  /* The reader refuses more, which would lose the whole interview. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->revisions)) >= IK_LIMIT_SCORECARD_REVISIONS)
    {
      g_set_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_LIMIT,
                   ngettext ("This scorecard has been amended %d time, the most that can be saved",
                             "This scorecard has been amended %d times, the most that can be saved",
                             IK_LIMIT_SCORECARD_REVISIONS),
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
  content = ik_scorecard_canonical_content_node (self);
  json_node_seal (content);

  stripped = g_strstrip (g_strdup (reason));

  revision = g_object_new (IK_TYPE_SCORECARD_REVISION, NULL);
  revision->time = g_date_time_new_now_local ();
  revision->reason = g_steal_pointer (&stripped);
  revision->submitted = g_steal_pointer (&self->submitted);
  revision->seal = g_steal_pointer (&self->seal);
  revision->content = json_object_ref (json_node_get_object (content));
  revision->altered = self->altered;
  g_list_store_append (self->revisions, revision);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEAL]);
  ik_scorecard_set_read_only (self, FALSE);
  self->altered_in_file = FALSE;
  ik_scorecard_set_altered (self, FALSE);
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
      const char *name = !ik_scorecard_is_blank (rating->competency_name) ? rating->competency_name
                                                             : rating->competency_id;

      if (rating->rating == IK_RATING_UNRATED)
        g_ptr_array_add (gaps,
                         ik_scorecard_gap_new (IK_SCORECARD_GAP_UNRATED, rating->competency_id,
                                               g_strdup_printf (_("“%s” is not rated"), name)));
      else if (require_evidence && rating->rating > 0 && ik_scorecard_is_blank (rating->evidence))
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

static const char *
rating_competency_id (gpointer item)
{
  return IK_COMPETENCY_RATING (item)->competency_id;
}

static void
on_rating_removed (gpointer item,
                   gpointer user_data)
{
  ik_listeners_remove (item, on_rating_changed, user_data);
  ik_competency_rating_set_read_only (item, FALSE);
}

static void
on_rating_added (gpointer item,
                 gpointer user_data)
{
  IkScorecard *self = user_data;

  ik_competency_rating_set_read_only (item, self->read_only);
  ik_listeners_add (item, on_rating_changed, self);
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
 * submitted, seal, revisions, read-only, context and unknown members, and
 * recomputes the seal (IkScorecard:altered).
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
  self->altered_in_file = source->altered_in_file;
  ik_scorecard_check_seal (self);

  ik_list_store_detach_all (source->ratings, on_rating_changed, source);

  self->updating = FALSE;
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    ik_scorecard_emit_changed (self);
  return changed;
}
