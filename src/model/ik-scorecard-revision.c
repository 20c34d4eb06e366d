/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-scorecard-revision.c: IkScorecardRevision, an amended submission. */
#include "config.h"

#include "ik-scorecard-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-update.h"
#include "ik-util.h"

/* IkScorecardRevision ---------------------------------------------------- */

/**
 * IkScorecardRevision:
 *
 * A submitted state of a scorecard that was later amended: when and why it
 * was amended, when it had been submitted, its seal and the content the
 * seal was computed over. Revisions are immutable.
 *
 * A revision is altered when its content was changed outside Interview
 * Kit: the scorecard was altered when it was amended, or the revision's
 * own content no longer gives its seal.
 */

G_DEFINE_FINAL_TYPE (IkScorecardRevision, ik_scorecard_revision, G_TYPE_OBJECT)

enum {
  REVISION_PROP_0,
  REVISION_PROP_TIME,
  REVISION_PROP_REASON,
  REVISION_PROP_SUBMITTED,
  REVISION_PROP_SEAL,
  REVISION_PROP_CONTENT,
  REVISION_PROP_ALTERED,
  REVISION_N_PROPS
};

static GParamSpec *revision_properties[REVISION_N_PROPS];

static const char * const revision_known_members[] = {
  "time",
  "reason",
  "submitted",
  "seal",
  "content",
  "altered",
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
    case REVISION_PROP_ALTERED:
      g_value_set_boolean (value, self->altered);
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

  /**
   * IkScorecardRevision:altered:
   *
   * %TRUE when the content of this submission had been changed outside
   * Interview Kit: it does not give the seal it was submitted with.
   */
  revision_properties[REVISION_PROP_ALTERED] =
    g_param_spec_boolean ("altered", NULL, NULL,
                          FALSE,
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

/**
 * ik_scorecard_revision_get_altered:
 * @self: a revision
 *
 * Returns: whether the superseded submission had been changed outside
 *   Interview Kit (its content does not give its seal)
 */
gboolean
ik_scorecard_revision_get_altered (IkScorecardRevision *self)
{
  g_return_val_if_fail (IK_IS_SCORECARD_REVISION (self), FALSE);

  return self->altered;
}

IkScorecardRevision *
ik_scorecard_revision_new_from_json (JsonObject  *o,
                                     GError     **error)
{
  g_autoptr(IkScorecardRevision) self = g_object_new (IK_TYPE_SCORECARD_REVISION, NULL);
  g_autofree char *content_seal = NULL;
  JsonObject *content = NULL;
  gboolean altered = FALSE;

  if (!ik_json_get_time (o, "time", TRUE, &self->time, error) ||
      !ik_json_get_string (o, "reason", TRUE, &self->reason, error) ||
      !ik_json_get_time (o, "submitted", FALSE, &self->submitted, error) ||
      !ik_json_get_string (o, "seal", TRUE, &self->seal, error) ||
      !ik_json_get_object (o, "content", TRUE, &content, error) ||
      !ik_json_get_bool (o, "altered", FALSE, &altered, error))
    return NULL;

  if (ik_scorecard_is_blank (self->reason))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("reason: an amendment needs a reason"));
      return NULL;
    }
  if (!ik_scorecard_seal_is_valid (self->seal))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                           _("seal: expected 64 lowercase hexadecimal digits"));
      return NULL;
    }

  self->content = json_object_ref (content);
  /* Once altered, always: the flag written when it was amended stays
   * even if the content is put back by hand. */
  content_seal = ik_scorecard_seal_of_content (content);
  self->altered = altered || g_strcmp0 (content_seal, self->seal) != 0;
  self->unknown = ik_json_collect_unknown_or_null (o, revision_known_members);
  return g_steal_pointer (&self);
}

void
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
  if (self->altered)
    {
      json_builder_set_member_name (b, "altered");
      json_builder_add_boolean_value (b, TRUE);
    }
  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);
}

/* IkScorecardGap --------------------------------------------------------- */
