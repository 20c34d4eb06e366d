/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-guidance.c: a question-and-answer note for interviewers in a bank
 * ("How do I score a candidate who…?"). */
#include "config.h"

#include "ik-guidance.h"

#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

struct _IkGuidance
{
  GObject     parent_instance;
  IkListeners listeners;

  char       *question;
  char       *answer;
  JsonObject *unknown;
};

G_DEFINE_FINAL_TYPE (IkGuidance, ik_guidance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_ANSWER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_members[] = { "question", "answer", NULL };

static void
ik_guidance_finalize (GObject *object)
{
  IkGuidance *self = IK_GUIDANCE (object);

  ik_listeners_clear (&self->listeners);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->answer, g_free);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_guidance_parent_class)->finalize (object);
}

static void
ik_guidance_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IkGuidance *self = IK_GUIDANCE (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_ANSWER:
      g_value_set_string (value, self->answer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_guidance_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IkGuidance *self = IK_GUIDANCE (object);

  switch (prop_id)
    {
    case PROP_QUESTION:
      ik_guidance_set_question (self, g_value_get_string (value));
      break;
    case PROP_ANSWER:
      ik_guidance_set_answer (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The containers hear the change before the signal's handlers do. */
IK_DEFINE_LISTENERS (IkGuidance, ik_guidance)

static void
ik_guidance_class_init (IkGuidanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ik_guidance_finalize;
  object_class->get_property = ik_guidance_get_property;
  object_class->set_property = ik_guidance_set_property;

  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANSWER] =
    g_param_spec_string ("answer", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkGuidance::changed:
   *
   * Emitted after any edit.
   */
  signals[CHANGED] =
    g_signal_new_class_handler ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                  G_CALLBACK (ik_guidance_real_changed), NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ik_guidance_init (IkGuidance *self)
{
  self->question = g_strdup ("");
  self->answer = g_strdup ("");
  self->unknown = json_object_new ();
}

/**
 * ik_guidance_new:
 * @question: (nullable): the interviewer's question
 * @answer: (nullable): the guidance
 *
 * Returns: (transfer full): a new guidance entry
 */
IkGuidance *
ik_guidance_new (const char *question,
                 const char *answer)
{
  return g_object_new (IK_TYPE_GUIDANCE,
                       "question", question,
                       "answer", answer,
                       NULL);
}

/**
 * ik_guidance_copy:
 * @self: a guidance entry
 *
 * Returns: (transfer full): a deep copy, unknown JSON members included
 */
IkGuidance *
ik_guidance_copy (IkGuidance *self)
{
  IkGuidance *copy;

  g_return_val_if_fail (IK_IS_GUIDANCE (self), NULL);

  copy = ik_guidance_new (self->question, self->answer);
  json_object_unref (copy->unknown);
  copy->unknown = ik_json_collect_unknown (self->unknown, NULL);
  return copy;
}

/**
 * ik_guidance_new_from_json:
 * @o: a guidance object from a bank file
 * @error: return location for an error naming the member at fault
 *
 * Reads an entry; "question" and "answer" are required.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL on error
 */
IkGuidance *
ik_guidance_new_from_json (JsonObject  *o,
                           GError     **error)
{
  g_autofree char *question = NULL;
  g_autofree char *answer = NULL;
  IkGuidance *self;

  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ik_json_get_string (o, "question", TRUE, &question, error)
      || !ik_json_get_string (o, "answer", TRUE, &answer, error))
    return NULL;

  self = ik_guidance_new (question, answer);
  json_object_unref (self->unknown);
  self->unknown = ik_json_collect_unknown (o, known_members);
  return self;
}

/**
 * ik_guidance_to_json:
 * @self: a guidance entry
 * @b: a builder where a value is expected
 *
 * Writes the entry as one object, unknown members last.
 */
void
ik_guidance_to_json (IkGuidance  *self,
                     JsonBuilder *b)
{
  g_return_if_fail (IK_IS_GUIDANCE (self));
  g_return_if_fail (JSON_IS_BUILDER (b));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "question");
  json_builder_add_string_value (b, self->question);
  json_builder_set_member_name (b, "answer");
  json_builder_add_string_value (b, self->answer);
  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);
}

const char *
ik_guidance_get_question (IkGuidance *self)
{
  g_return_val_if_fail (IK_IS_GUIDANCE (self), NULL);

  return self->question;
}

/**
 * ik_guidance_set_question:
 * @self: a guidance entry
 * @question: (nullable): the new text; %NULL is the empty string
 */
void
ik_guidance_set_question (IkGuidance *self,
                          const char *question)
{
  g_return_if_fail (IK_IS_GUIDANCE (self));

  if (!ik_set_text (&self->question, question))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
ik_guidance_get_answer (IkGuidance *self)
{
  g_return_val_if_fail (IK_IS_GUIDANCE (self), NULL);

  return self->answer;
}

/**
 * ik_guidance_set_answer:
 * @self: a guidance entry
 * @answer: (nullable): the new text; %NULL is the empty string
 */
void
ik_guidance_set_answer (IkGuidance *self,
                        const char *answer)
{
  g_return_if_fail (IK_IS_GUIDANCE (self));

  if (!ik_set_text (&self->answer, answer))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ik_guidance_update_from:
 * @self: a guidance entry
 * @source: the entry at the same place of a freshly read bank
 *
 * Makes @self hold what @source holds, unknown members included: notifies
 * each property that changed, then emits #IkGuidance::changed once.
 *
 * Returns: whether anything changed
 */
gboolean
ik_guidance_update_from (IkGuidance *self,
                         IkGuidance *source)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (IK_IS_GUIDANCE (self), FALSE);
  g_return_val_if_fail (IK_IS_GUIDANCE (source), FALSE);

  if (self == source)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= ik_update_string (G_OBJECT (self), &self->question, source->question,
                               properties[PROP_QUESTION]);
  changed |= ik_update_string (G_OBJECT (self), &self->answer, source->answer,
                               properties[PROP_ANSWER]);
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}
