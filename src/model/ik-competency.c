/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-competency.c: a competency with behavioural anchors.
 *
 * Each rating level 1..IK_RATING_MAX has a general anchor text and optional
 * texts specialised per seniority; a missing specialised text falls back to
 * the general one.
 */
#include "config.h"

#include "ik-competency.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

#define N_SLOTS (1 + IK_SENIORITY_LEAD + 1) /* general, then each seniority */

struct _IkCompetency
{
  GObject     parent_instance;
  IkListeners      listeners;

  char       *id;
  char       *name;
  char       *description;

  /* anchors[level - 1][seniority + 1]; NULL when unset. */
  char       *anchors[IK_RATING_MAX][N_SLOTS];
  /* Unknown members of each level's anchor object, NULL when none. */
  JsonObject *anchor_unknown[IK_RATING_MAX];
  JsonObject *unknown;
};

G_DEFINE_FINAL_TYPE (IkCompetency, ik_competency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_members[] = { "id", "name", "description", "anchors", NULL };
static const char * const known_anchor_members[] = {
  "level", "text", "junior", "mid", "senior", "lead", NULL
};

static void
ik_competency_finalize (GObject *object)
{
  IkCompetency *self = IK_COMPETENCY (object);

  ik_listeners_clear (&self->listeners);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  for (guint l = 0; l < IK_RATING_MAX; l++)
    {
      for (guint s = 0; s < N_SLOTS; s++)
        g_clear_pointer (&self->anchors[l][s], g_free);
      g_clear_pointer (&self->anchor_unknown[l], json_object_unref);
    }
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_competency_parent_class)->finalize (object);
}

static void
ik_competency_constructed (GObject *object)
{
  IkCompetency *self = IK_COMPETENCY (object);

  G_OBJECT_CLASS (ik_competency_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = ik_uuid_new ();
}

static void
ik_competency_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  IkCompetency *self = IK_COMPETENCY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_competency_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  IkCompetency *self = IK_COMPETENCY (object);

  switch (prop_id)
    {
    case PROP_ID:
      {
        const char *id = g_value_get_string (value);

        if (id != NULL && !ik_id_is_valid (id))
          g_warning ("Invalid competency id “%s”, using a new one", id);
        else
          self->id = g_strdup (id);
      }
      break;
    case PROP_NAME:
      ik_competency_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      ik_competency_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The containers hear the change before the signal's handlers do. */
IK_DEFINE_LISTENERS (IkCompetency, ik_competency)

static const char *slot_member (guint slot);

static void
ik_competency_class_init (IkCompetencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* ik_competency_new_from_pull() reads the texts by their index. */
  for (guint s = 0; s < N_SLOTS; s++)
    g_assert (g_strcmp0 (known_anchor_members[s + 1], slot_member (s)) == 0);

  object_class->finalize = ik_competency_finalize;
  object_class->constructed = ik_competency_constructed;
  object_class->get_property = ik_competency_get_property;
  object_class->set_property = ik_competency_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkCompetency::changed:
   *
   * Emitted after any edit, anchors included.
   */
  signals[CHANGED] =
    g_signal_new_class_handler ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                  G_CALLBACK (ik_competency_real_changed), NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ik_competency_init (IkCompetency *self)
{
  self->name = g_strdup ("");
  self->description = g_strdup ("");
  self->unknown = json_object_new ();
}

/**
 * ik_competency_new:
 * @id: (nullable): the id, or %NULL for a new UUID
 * @name: (nullable): the display name
 *
 * Returns: (transfer full): a competency without anchors
 */
IkCompetency *
ik_competency_new (const char *id,
                   const char *name)
{
  g_return_val_if_fail (id == NULL || ik_id_is_valid (id), NULL);

  return g_object_new (IK_TYPE_COMPETENCY, "id", id, "name", name, NULL);
}

/**
 * ik_competency_copy:
 * @self: a competency
 *
 * Returns: (transfer full): a deep copy with the same id
 */
IkCompetency *
ik_competency_copy (IkCompetency *self)
{
  IkCompetency *copy;

  g_return_val_if_fail (IK_IS_COMPETENCY (self), NULL);

  copy = g_object_new (IK_TYPE_COMPETENCY,
                       "id", self->id,
                       "name", self->name,
                       "description", self->description,
                       NULL);
  for (guint l = 0; l < IK_RATING_MAX; l++)
    {
      for (guint s = 0; s < N_SLOTS; s++)
        copy->anchors[l][s] = g_strdup (self->anchors[l][s]);
      if (self->anchor_unknown[l] != NULL)
        copy->anchor_unknown[l] = ik_json_collect_unknown (self->anchor_unknown[l], NULL);
    }
  json_object_unref (copy->unknown);
  copy->unknown = ik_json_collect_unknown (self->unknown, NULL);
  return copy;
}

static const char *
slot_member (guint slot)
{
  return slot == 0 ? "text" : ik_enum_to_nick (IK_TYPE_SENIORITY, (int) slot - 1);
}

static gboolean
read_anchor (IkCompetency  *self,
             JsonObject    *o,
             GError       **error)
{
  gint64 level = 0;
  char *texts[N_SLOTS] = { NULL };
  gboolean ok = FALSE;

  if (!ik_json_get_int (o, "level", TRUE, 1, IK_RATING_MAX, &level, error))
    return FALSE;

  if (self->anchor_unknown[level - 1] != NULL)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                   _("level: level %d appears more than once"), (int) level);
      return FALSE;
    }

  for (guint s = 0; s < N_SLOTS; s++)
    {
      if (!ik_json_get_string (o, slot_member (s), FALSE, &texts[s], error))
        goto out;
    }

  for (guint s = 0; s < N_SLOTS; s++)
    {
      /* An empty text means "not written", as the setter does. */
      if (texts[s] != NULL && texts[s][0] == '\0')
        g_clear_pointer (&texts[s], g_free);
      self->anchors[level - 1][s] = g_steal_pointer (&texts[s]);
    }
  self->anchor_unknown[level - 1] = ik_json_collect_unknown (o, known_anchor_members);
  ok = TRUE;

out:
  for (guint s = 0; s < N_SLOTS; s++)
    g_free (texts[s]);
  return ok;
}

/**
 * ik_competency_new_from_json:
 * @o: a competency object from a bank file
 * @error: return location for an error naming the member at fault
 *
 * Reads a competency; "id" and "name" are required, each anchor needs a
 * "level" from 1 to %IK_RATING_MAX, at most once.
 *
 * Returns: (transfer full) (nullable): the competency, or %NULL on error
 */
IkCompetency *
ik_competency_new_from_json (JsonObject  *o,
                             GError     **error)
{
  g_autoptr(IkCompetency) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  JsonArray *anchors = NULL;

  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ik_json_get_id (o, "id", TRUE, &id, error)
      || !ik_json_get_string (o, "name", TRUE, &name, error)
      || !ik_json_get_string (o, "description", FALSE, &description, error)
      || !ik_json_get_array (o, "anchors", FALSE, &anchors, error))
    return NULL;

  self = ik_competency_new (id, name);
  g_free (self->description);
  self->description = description != NULL ? g_steal_pointer (&description) : g_strdup ("");

  for (guint i = 0; anchors != NULL && i < json_array_get_length (anchors); i++)
    {
      JsonNode *node = json_array_get_element (anchors, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("anchors[%u]: expected an object"), i);
          return NULL;
        }
      if (!read_anchor (self, json_node_get_object (node), error))
        {
          g_prefix_error (error, "anchors[%u].", i);
          return NULL;
        }
    }

  json_object_unref (self->unknown);
  self->unknown = ik_json_collect_unknown (o, known_members);
  return g_steal_pointer (&self);
}

/* The anchors a fast read found, before the competency is made. */
typedef struct
{
  char       *texts[IK_RATING_MAX][N_SLOTS];
  JsonObject *unknown[IK_RATING_MAX];
} PulledAnchors;

static void
pulled_anchors_clear (PulledAnchors *anchors)
{
  for (guint l = 0; l < IK_RATING_MAX; l++)
    {
      for (guint s = 0; s < N_SLOTS; s++)
        g_free (anchors->texts[l][s]);
      g_clear_pointer (&anchors->unknown[l], json_object_unref);
    }
}

/* One anchor object, the reader just past its "{", into @anchors. */
static gboolean
pull_anchor (PulledAnchors *anchors,
             IkJsonPull    *pull)
{
  g_autoptr(JsonObject) unknown = NULL;
  char *texts[N_SLOTS] = { NULL };
  gint64 level = 0;
  guint seen = 0;
  gboolean ok = FALSE;
  int member;

  while ((member = ik_json_pull_next_known (pull, known_anchor_members, &seen, &unknown)) >= 0)
    {
      IkJsonToken token = ik_json_pull_next (pull);

      /* null is missing (and "level" is required). */
      if (token == IK_JSON_TOKEN_NULL)
        continue;
      if (member == 0)
        {
          level = ik_json_pull_get_int (pull);
          if (token != IK_JSON_TOKEN_INT || level < 1 || level > IK_RATING_MAX)
            goto out;
          continue;
        }
      if (token != IK_JSON_TOKEN_STRING || !ik_json_pull_string_is_valid (pull))
        goto out;
      /* known_anchor_members[s + 1] is slot_member (s). */
      texts[member - 1] = g_strdup (ik_json_pull_get_string (pull, NULL));
    }
  if (member != IK_JSON_PULL_END || level == 0 || anchors->unknown[level - 1] != NULL)
    goto out;

  for (guint s = 0; s < N_SLOTS; s++)
    {
      /* An empty text means "not written", as the setter does. */
      if (texts[s] != NULL && texts[s][0] == '\0')
        g_clear_pointer (&texts[s], g_free);
      anchors->texts[level - 1][s] = g_steal_pointer (&texts[s]);
    }
  anchors->unknown[level - 1] = unknown != NULL ? g_steal_pointer (&unknown) : json_object_new ();
  ok = TRUE;

out:
  for (guint s = 0; s < N_SLOTS; s++)
    g_free (texts[s]);
  return ok;
}

static gboolean
pull_anchors (PulledAnchors *anchors,
              IkJsonPull    *pull)
{
  IkJsonToken token;

  while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_BEGIN_OBJECT)
    if (!pull_anchor (anchors, pull))
      return FALSE;
  return token == IK_JSON_TOKEN_END_ARRAY;
}

/**
 * ik_competency_new_from_pull:
 * @pull: a reader that has just given the "{" of a competency object
 *
 * The library load's fast way to ik_competency_new_from_json(), as
 * ik_question_new_from_pull() is for questions: it checks everything that
 * checks, and gives %NULL, without a reason, for anything it does not take
 * (the caller then reads the document as a tree, which explains).
 *
 * Returns: (transfer full) (nullable): the competency, the reader just
 *   past its "}", or %NULL
 */
IkCompetency *
ik_competency_new_from_pull (IkJsonPull *pull)
{
  g_autoptr(JsonObject) unknown = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  PulledAnchors anchors = { { { NULL } }, { NULL } };
  IkCompetency *self = NULL;
  guint seen = 0;
  int member;

  g_return_val_if_fail (pull != NULL, NULL);

  while ((member = ik_json_pull_next_known (pull, known_members, &seen, &unknown)) >= 0)
    {
      IkJsonToken token = ik_json_pull_next (pull);
      char **field;

      if (token == IK_JSON_TOKEN_NULL)
        continue;
      if (member == 3)   /* "anchors" */
        {
          if (token != IK_JSON_TOKEN_BEGIN_ARRAY || !pull_anchors (&anchors, pull))
            goto out;
          continue;
        }
      if (token != IK_JSON_TOKEN_STRING || !ik_json_pull_string_is_valid (pull)
          || (member == 0 && !ik_id_is_valid (ik_json_pull_get_string (pull, NULL))))
        goto out;
      field = member == 0 ? &id : member == 1 ? &name : &description;
      *field = g_strdup (ik_json_pull_get_string (pull, NULL));
    }
  if (member != IK_JSON_PULL_END || id == NULL || name == NULL)
    goto out;

  /* As ik_competency_new_from_json() makes it. */
  self = ik_competency_new (id, name);
  g_free (self->description);
  self->description = description != NULL ? g_steal_pointer (&description) : g_strdup ("");
  memcpy (self->anchors, anchors.texts, sizeof anchors.texts);
  memcpy (self->anchor_unknown, anchors.unknown, sizeof anchors.unknown);
  memset (&anchors, 0, sizeof anchors);
  json_object_unref (self->unknown);
  self->unknown = unknown != NULL ? g_steal_pointer (&unknown) : json_object_new ();

out:
  pulled_anchors_clear (&anchors);
  return self;
}

static gboolean
level_is_used (IkCompetency *self,
               guint         l)
{
  if (self->anchor_unknown[l] != NULL && json_object_get_size (self->anchor_unknown[l]) > 0)
    return TRUE;
  for (guint s = 0; s < N_SLOTS; s++)
    if (self->anchors[l][s] != NULL)
      return TRUE;
  return FALSE;
}

/**
 * ik_competency_to_json:
 * @self: a competency
 * @b: a builder where a value is expected
 *
 * Writes the competency as one object. Only levels with some text are
 * written, and only the texts that are set.
 */
void
ik_competency_to_json (IkCompetency *self,
                       JsonBuilder  *b)
{
  g_return_if_fail (IK_IS_COMPETENCY (self));
  g_return_if_fail (JSON_IS_BUILDER (b));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->name);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, self->description);

  json_builder_set_member_name (b, "anchors");
  json_builder_begin_array (b);
  for (guint l = 0; l < IK_RATING_MAX; l++)
    {
      if (!level_is_used (self, l))
        continue;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_int_value (b, l + 1);
      for (guint s = 0; s < N_SLOTS; s++)
        {
          if (self->anchors[l][s] == NULL)
            continue;
          json_builder_set_member_name (b, slot_member (s));
          json_builder_add_string_value (b, self->anchors[l][s]);
        }
      ik_json_add_unknown (b, self->anchor_unknown[l]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);
}

const char *
ik_competency_get_id (IkCompetency *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY (self), NULL);

  return self->id;
}

const char *
ik_competency_get_name (IkCompetency *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY (self), NULL);

  return self->name;
}

/**
 * ik_competency_set_name:
 * @self: a competency
 * @name: (nullable): the display name; %NULL is the empty string
 */
void
ik_competency_set_name (IkCompetency *self,
                        const char   *name)
{
  g_return_if_fail (IK_IS_COMPETENCY (self));

  if (!ik_set_text (&self->name, name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
ik_competency_get_description (IkCompetency *self)
{
  g_return_val_if_fail (IK_IS_COMPETENCY (self), NULL);

  return self->description;
}

/**
 * ik_competency_set_description:
 * @self: a competency
 * @description: (nullable): the description; %NULL is the empty string
 */
void
ik_competency_set_description (IkCompetency *self,
                               const char   *description)
{
  g_return_if_fail (IK_IS_COMPETENCY (self));

  if (!ik_set_text (&self->description, description))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ik_competency_get_anchor:
 * @self: a competency
 * @level: the rating level, 1 to %IK_RATING_MAX
 * @seniority: an #IkSeniority, or %IK_ANCHOR_GENERAL (-1)
 *
 * Returns: (nullable): exactly this anchor text, %NULL when unset
 */
const char *
ik_competency_get_anchor (IkCompetency *self,
                          guint         level,
                          int           seniority)
{
  g_return_val_if_fail (IK_IS_COMPETENCY (self), NULL);
  g_return_val_if_fail (level >= 1 && level <= IK_RATING_MAX, NULL);
  g_return_val_if_fail (seniority >= IK_ANCHOR_GENERAL && seniority <= IK_SENIORITY_LEAD, NULL);

  return self->anchors[level - 1][seniority + 1];
}

/**
 * ik_competency_set_anchor:
 * @self: a competency
 * @level: the rating level, 1 to %IK_RATING_MAX
 * @seniority: an #IkSeniority, or %IK_ANCHOR_GENERAL (-1)
 * @text: (nullable): the anchor; %NULL or "" removes it
 *
 * Emits #IkCompetency::changed when the text really changes.
 */
void
ik_competency_set_anchor (IkCompetency *self,
                          guint         level,
                          int           seniority,
                          const char   *text)
{
  char **slot;

  g_return_if_fail (IK_IS_COMPETENCY (self));
  g_return_if_fail (level >= 1 && level <= IK_RATING_MAX);
  g_return_if_fail (seniority >= IK_ANCHOR_GENERAL && seniority <= IK_SENIORITY_LEAD);

  if (text != NULL && text[0] == '\0')
    text = NULL;

  slot = &self->anchors[level - 1][seniority + 1];
  if (g_strcmp0 (*slot, text) == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (text);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ik_competency_get_anchor_for:
 * @self: a competency
 * @level: the rating level, 1 to %IK_RATING_MAX
 * @seniority: the candidate's seniority
 *
 * Returns: (nullable): the anchor for @seniority, or the general one when
 *   there is no specialised text
 */
const char *
ik_competency_get_anchor_for (IkCompetency *self,
                              guint         level,
                              IkSeniority   seniority)
{
  const char *text;

  g_return_val_if_fail (IK_IS_COMPETENCY (self), NULL);
  g_return_val_if_fail (level >= 1 && level <= IK_RATING_MAX, NULL);
  g_return_val_if_fail ((int) seniority >= 0 && seniority <= IK_SENIORITY_LEAD, NULL);

  text = self->anchors[level - 1][seniority + 1];
  return text != NULL ? text : self->anchors[level - 1][0];
}

/**
 * ik_competency_update_from:
 * @self: a competency
 * @source: a competency with the same id, e.g. freshly read from a file
 *
 * Makes @self hold what @source holds, anchors and unknown members
 * included: notifies each property that changed, then emits
 * #IkCompetency::changed once.
 *
 * Returns: whether anything changed
 */
gboolean
ik_competency_update_from (IkCompetency *self,
                           IkCompetency *source)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (IK_IS_COMPETENCY (self), FALSE);
  g_return_val_if_fail (IK_IS_COMPETENCY (source), FALSE);
  g_return_val_if_fail (g_strcmp0 (self->id, source->id) == 0, FALSE);

  if (self == source)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed |= ik_update_string (G_OBJECT (self), &self->name, source->name,
                               properties[PROP_NAME]);
  changed |= ik_update_string (G_OBJECT (self), &self->description, source->description,
                               properties[PROP_DESCRIPTION]);
  for (guint l = 0; l < IK_RATING_MAX; l++)
    {
      for (guint s = 0; s < N_SLOTS; s++)
        changed |= ik_set_string (&self->anchors[l][s], source->anchors[l][s]);
      changed |= ik_json_take_unknown (&self->anchor_unknown[l], source->anchor_unknown[l]);
    }
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}
