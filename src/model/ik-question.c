/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-question.c: one interview question of a bank.
 *
 * A question is edited in a bank and copied into sessions when they are
 * planned, so later edits of the bank never change a past interview.
 *
 * The text and the strings of the lists are immutable and reference
 * counted (GRefString), so that a copy shares them with the original
 * and a library's thousands of session snapshots share them with the bank
 * questions they were taken from (IkQuestionStringPool, at load). An edit
 * replaces strings, never changes one in place.
 */
#include "config.h"

#include "ik-question.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"

struct _IkQuestion
{
  GObject     parent_instance;
  IkListeners      listeners;

  char       *id;
  /* Shared strings, and vectors of them. */
  char       *text;
  GStrv       areas;
  GStrv       follow_ups;
  GStrv       competencies;
  GStrv       tags;
  guint       minutes;

  /* Members of the JSON object this version does not know; NULL when
   * there are none. */
  JsonObject *unknown;
};

/* Shared strings ***************************************************************/

/* Immutable, reference-counted strings (GRefString): a copy of a question
 * and the snapshot in a session share them with the original. */
static char *
shared_string_new (const char *s)
{
  return g_ref_string_new (s);
}

static char *
shared_string_ref (char *s)
{
  return g_ref_string_acquire (s);
}

static void
shared_string_unref (char *s)
{
  if (s != NULL)
    g_ref_string_release (s);
}

/* What a pool keeps of a question: its own references to the question's
 * shared strings, so that the question may change (or go) on the main
 * thread while the load's workers read these. */
typedef struct
{
  char  *text;
  char **areas;
  char **follow_ups;
  char **competencies;
  char **tags;
} PooledStrings;

struct _IkQuestionStringPool
{
  GHashTable *questions;   /* id -> PooledStrings, first one wins */
};

static void pooled_strings_free (PooledStrings *strings);
static char **shared_strv_copy (char **v);

static GPrivate thread_pool;

/**
 * ik_question_string_pool_new:
 *
 * Returns: (transfer full): a new, empty pool
 */
IkQuestionStringPool *
ik_question_string_pool_new (void)
{
  IkQuestionStringPool *pool = g_new0 (IkQuestionStringPool, 1);

  pool->questions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pooled_strings_free);
  return pool;
}

/**
 * ik_question_string_pool_free:
 * @pool: (transfer full): a pool no thread uses any more
 *
 * Drops the pool's references to the strings.
 */
void
ik_question_string_pool_free (IkQuestionStringPool *pool)
{
  if (pool == NULL)
    return;
  g_hash_table_unref (pool->questions);
  g_free (pool);
}

/**
 * ik_question_string_pool_add:
 * @pool: a pool no thread uses yet
 * @question: a question whose strings the questions with its id read
 *   later should share
 */
void
ik_question_string_pool_add (IkQuestionStringPool *pool,
                             IkQuestion           *question)
{
  g_return_if_fail (pool != NULL);
  g_return_if_fail (IK_IS_QUESTION (question));

  if (!g_hash_table_contains (pool->questions, question->id))
    {
      PooledStrings *strings = g_new (PooledStrings, 1);

      strings->text = shared_string_ref (question->text);
      strings->areas = shared_strv_copy (question->areas);
      strings->follow_ups = shared_strv_copy (question->follow_ups);
      strings->competencies = shared_strv_copy (question->competencies);
      strings->tags = shared_strv_copy (question->tags);
      g_hash_table_insert (pool->questions, g_strdup (question->id), strings);
    }
}

/**
 * ik_question_string_pool_set_thread:
 * @pool: (nullable): a pool, or %NULL to stop sharing
 *
 * Makes @pool the one that ik_question_new_from_json() uses in the
 * calling thread; it must not change until it is unset (the questions it
 * was made from may: it holds its own references to their strings). Unset
 * it before freeing the pool.
 */
void
ik_question_string_pool_set_thread (IkQuestionStringPool *pool)
{
  g_private_set (&thread_pool, pool);
}

/* The strings of the pooled question with @id, which a new one may share. */
static const PooledStrings *
pooled_question (const char *id)
{
  IkQuestionStringPool *pool = g_private_get (&thread_pool);

  return pool != NULL ? g_hash_table_lookup (pool->questions, id) : NULL;
}

/* A shared string equal to @s: @model (a shared string or NULL) when they
 * are equal, else a new one. */
static char *
shared_string_like (const char *s,
                    char       *model)
{
  return model != NULL && strcmp (model, s) == 0 ? shared_string_ref (model)
                                                 : shared_string_new (s);
}

/* One copy of each competency id and tag, which a library repeats over
 * thousands of questions (2.4 MB less for the 1x benchmark library's
 * 10,000 questions), shared by every thread.
 *
 * Not g_ref_string_new_intern(): in GLib 2.74 its last release drops the
 * count to 0 before taking the table's lock, and a lookup in another
 * thread in between takes a reference on a string being freed. The load's
 * workers, reading interviews whose banks were gone, crashed on it. This
 * table keeps a reference of its own to each string, which is so never
 * freed while other threads can find it. At most COMMON_MAX strings of at
 * most COMMON_MAX_LENGTH bytes are kept (half a megabyte, whatever a
 * hostile file holds); any other is a copy of its own. */
#define COMMON_MAX 8192
#define COMMON_MAX_LENGTH 64   /* an id's length; tags are words */

static GMutex      common_lock;
static GHashTable *common_strings;   /* shared strings, each with a reference */

static char *
shared_string_common (const char *s)
{
  char *shared;

  if (strlen (s) > COMMON_MAX_LENGTH)
    return shared_string_new (s);
  g_mutex_lock (&common_lock);
  if (common_strings == NULL)
    common_strings = g_hash_table_new (g_str_hash, g_str_equal);
  shared = g_hash_table_lookup (common_strings, s);
  if (shared == NULL && g_hash_table_size (common_strings) < COMMON_MAX)
    {
      shared = shared_string_new (s);
      g_hash_table_add (common_strings, shared);
    }
  shared = shared != NULL ? shared_string_ref (shared) : shared_string_new (s);
  g_mutex_unlock (&common_lock);
  return shared;
}

static char *
shared_string_like_common (const char *s,
                           char       *model)
{
  return model != NULL && strcmp (model, s) == 0 ? shared_string_ref (model)
                                                 : shared_string_common (s);
}

/* Vectors of shared strings: a plain NULL-terminated array (so a GStrv for
 * readers) whose elements are shared strings. */
/* The empty vector and text every new question starts with, shared and
 * never freed: most questions are made by the load, which replaces them
 * at once (150,000 allocations and frees for the 1x benchmark library). */
static char *empty_strv[] = { NULL };

static char *
empty_text (void)
{
  static char *empty = NULL;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ref_string_new (""));
  return shared_string_ref (empty);
}

static void
shared_strv_free (char **v)
{
  if (v == NULL || v == empty_strv)
    return;
  for (guint i = 0; v[i] != NULL; i++)
    shared_string_unref (v[i]);
  g_free (v);
}

static char **
shared_strv_copy (char **v)
{
  guint n = g_strv_length (v);
  char **copy = g_new (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = shared_string_ref (v[i]);
  copy[n] = NULL;
  return copy;
}

static void
pooled_strings_free (PooledStrings *strings)
{
  shared_string_unref (strings->text);
  shared_strv_free (strings->areas);
  shared_strv_free (strings->follow_ups);
  shared_strv_free (strings->competencies);
  shared_strv_free (strings->tags);
  g_free (strings);
}

static char **
shared_strv_new (const char * const *v)
{
  guint n = v != NULL ? g_strv_length ((char **) v) : 0;
  char **shared = g_new (char *, n + 1);

  for (guint i = 0; i < n; i++)
    shared[i] = shared_string_new (v[i]);
  shared[n] = NULL;
  return shared;
}

G_DEFINE_FINAL_TYPE (IkQuestion, ik_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TEXT,
  PROP_AREAS,
  PROP_FOLLOW_UPS,
  PROP_COMPETENCIES,
  PROP_TAGS,
  PROP_MINUTES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* In this order: ik_question_new_from_pull() reads them by index. */
static const char * const known_members[] = {
  "id", "text", "areas", "follow_ups", "competencies", "minutes", "tags", NULL
};

static void
ik_question_finalize (GObject *object)
{
  IkQuestion *self = IK_QUESTION (object);

  ik_listeners_clear (&self->listeners);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->text, shared_string_unref);
  g_clear_pointer (&self->areas, shared_strv_free);
  g_clear_pointer (&self->follow_ups, shared_strv_free);
  g_clear_pointer (&self->competencies, shared_strv_free);
  g_clear_pointer (&self->tags, shared_strv_free);
  g_clear_pointer (&self->unknown, json_object_unref);

  G_OBJECT_CLASS (ik_question_parent_class)->finalize (object);
}

static void
ik_question_constructed (GObject *object)
{
  IkQuestion *self = IK_QUESTION (object);

  G_OBJECT_CLASS (ik_question_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = ik_uuid_new ();
}

static void
ik_question_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IkQuestion *self = IK_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_AREAS:
      g_value_set_boxed (value, self->areas);
      break;
    case PROP_FOLLOW_UPS:
      g_value_set_boxed (value, self->follow_ups);
      break;
    case PROP_COMPETENCIES:
      g_value_set_boxed (value, self->competencies);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_MINUTES:
      g_value_set_uint (value, self->minutes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_question_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IkQuestion *self = IK_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      {
        const char *id = g_value_get_string (value);

        if (id != NULL && !ik_id_is_valid (id))
          g_warning ("Invalid question id “%s”, using a new one", id);
        else
          self->id = g_strdup (id);
      }
      break;
    case PROP_TEXT:
      ik_question_set_text (self, g_value_get_string (value));
      break;
    case PROP_AREAS:
      ik_question_set_areas (self, g_value_get_boxed (value));
      break;
    case PROP_FOLLOW_UPS:
      ik_question_set_follow_ups (self, g_value_get_boxed (value));
      break;
    case PROP_COMPETENCIES:
      ik_question_set_competencies (self, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      ik_question_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_MINUTES:
      ik_question_set_minutes (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The containers hear the change before the signal's handlers do. */
IK_DEFINE_LISTENERS (IkQuestion, ik_question)

static void
ik_question_class_init (IkQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ik_question_finalize;
  object_class->constructed = ik_question_constructed;
  object_class->get_property = ik_question_get_property;
  object_class->set_property = ik_question_set_property;

  /**
   * IkQuestion:id:
   *
   * The stable identifier, kept by copies so sessions can refer back.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AREAS] =
    g_param_spec_boxed ("areas", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_UPS] =
    g_param_spec_boxed ("follow-ups", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPETENCIES] =
    g_param_spec_boxed ("competencies", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINUTES] =
    g_param_spec_uint ("minutes", NULL, NULL, 0, IK_QUESTION_MAX_MINUTES, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkQuestion::changed:
   *
   * Emitted after any edit of the question.
   */
  signals[CHANGED] =
    g_signal_new_class_handler ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                  G_CALLBACK (ik_question_real_changed), NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ik_question_init (IkQuestion *self)
{
  self->text = empty_text ();
  self->areas = empty_strv;
  self->follow_ups = empty_strv;
  self->competencies = empty_strv;
  self->tags = empty_strv;
  /* unknown stays NULL until a file brings unknown members. */
}

/**
 * ik_question_new:
 *
 * Returns: (transfer full): an empty question with a fresh UUID
 */
IkQuestion *
ik_question_new (void)
{
  return g_object_new (IK_TYPE_QUESTION, NULL);
}

/**
 * ik_question_copy:
 * @self: a question
 *
 * Makes a deep copy with the same id, including unknown JSON members.
 *
 * Returns: (transfer full): the copy
 */
IkQuestion *
ik_question_copy (IkQuestion *self)
{
  IkQuestion *copy;

  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  copy = g_object_new (IK_TYPE_QUESTION, "id", self->id, NULL);
  shared_string_unref (copy->text);
  copy->text = shared_string_ref (self->text);
  shared_strv_free (copy->areas);
  copy->areas = shared_strv_copy (self->areas);
  shared_strv_free (copy->follow_ups);
  copy->follow_ups = shared_strv_copy (self->follow_ups);
  shared_strv_free (copy->competencies);
  copy->competencies = shared_strv_copy (self->competencies);
  shared_strv_free (copy->tags);
  copy->tags = shared_strv_copy (self->tags);
  copy->minutes = self->minutes;
  g_clear_pointer (&copy->unknown, json_object_unref);
  copy->unknown = ik_json_collect_unknown_or_null (self->unknown, NULL);

  return copy;
}

/* Reads a list into @field, sharing the strings equal to those at the same
 * place in @model (the pooled question's list, or NULL). */
static gboolean
read_list (JsonObject  *o,
           const char  *member,
           gboolean     ids,
           gboolean     common,
           char       **model,
           GStrv       *field,
           GError     **error)
{
  JsonArray *list = NULL;
  char **shared;
  guint n_model;
  guint n;

  /* Checked in place, then made shared strings directly. */
  if (!ik_json_get_string_array (o, member, FALSE, &list, error))
    return FALSE;
  if (list == NULL)
    return TRUE;

  n = json_array_get_length (list);
  if (n > IK_QUESTION_MAX_LIST_LENGTH)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("%s: too many entries (%u, at most %d)"),
                   member, n, IK_QUESTION_MAX_LIST_LENGTH);
      return FALSE;
    }

  for (guint i = 0; ids && i < n; i++)
    {
      if (!ik_id_is_valid (json_array_get_string_element (list, i)))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("%s[%u]: not a valid identifier"), member, i);
          return FALSE;
        }
    }

  n_model = model != NULL ? g_strv_length (model) : 0;
  shared = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    shared[i] = (common ? shared_string_like_common : shared_string_like)
                  (json_array_get_string_element (list, i), i < n_model ? model[i] : NULL);
  shared[n] = NULL;
  shared_strv_free (*field);
  *field = shared;
  return TRUE;
}

/**
 * ik_question_new_from_json:
 * @o: a question object from a bank file
 * @error: return location for an error naming the member at fault
 *
 * Reads a question; "id" and "text" are required. Members this version does
 * not know are kept and written back by ik_question_to_json().
 *
 * Returns: (transfer full) (nullable): the question, or %NULL on error
 */
IkQuestion *
ik_question_new_from_json (JsonObject  *o,
                           GError     **error)
{
  g_autoptr(IkQuestion) self = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  const PooledStrings *model;
  gint64 minutes = 0;

  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ik_json_get_id (o, "id", TRUE, &id, error)
      || !ik_json_get_string (o, "text", TRUE, &text, error)
      || !ik_json_get_int (o, "minutes", FALSE, 0, IK_QUESTION_MAX_MINUTES, &minutes, error))
    return NULL;

  /* A snapshot read while a pool is set shares what it has in common
   * with the bank's question of the same id. */
  model = pooled_question (id);
  self = g_object_new (IK_TYPE_QUESTION, "id", id, NULL);
  shared_string_unref (self->text);
  self->text = shared_string_like (text, model != NULL ? model->text : NULL);
  self->minutes = (guint) minutes;

  if (!read_list (o, "areas", FALSE, FALSE, model != NULL ? model->areas : NULL, &self->areas, error)
      || !read_list (o, "follow_ups", FALSE, FALSE, model != NULL ? model->follow_ups : NULL, &self->follow_ups, error)
      || !read_list (o, "competencies", TRUE, TRUE, model != NULL ? model->competencies : NULL, &self->competencies, error)
      || !read_list (o, "tags", FALSE, TRUE, model != NULL ? model->tags : NULL, &self->tags, error))
    return NULL;

  g_clear_pointer (&self->unknown, json_object_unref);
  self->unknown = ik_json_collect_unknown_or_null (o, known_members);

  return g_steal_pointer (&self);
}

/* Reads the array of strings the reader has just opened into @field, as
 * read_list() does. */
static gboolean
pull_list (IkJsonPull  *pull,
           gboolean     ids,
           gboolean     common,
           char       **model,
           GStrv       *field)
{
  /* On the stack (8 KB at most): a vector grown element by element cost
   * more than reading its strings. */
  char *shared[IK_QUESTION_MAX_LIST_LENGTH + 1];
  guint n = 0;
  guint n_model = model != NULL ? g_strv_length (model) : 0;
  char *(*like) (const char *, char *) = common ? shared_string_like_common : shared_string_like;
  IkJsonToken token;

  while ((token = ik_json_pull_next (pull)) == IK_JSON_TOKEN_STRING)
    {
      const char *s = ik_json_pull_get_string (pull, NULL);

      if (n >= IK_QUESTION_MAX_LIST_LENGTH || !ik_json_pull_string_is_valid (pull)
          || (ids && !ik_id_is_valid (s)))
        goto fail;
      shared[n] = like (s, n < n_model ? model[n] : NULL);
      n++;
    }
  if (token != IK_JSON_TOKEN_END_ARRAY)
    goto fail;

  /* Exactly as long as it is: a library holds tens of thousands of these
   * vectors. */
  shared[n++] = NULL;
  shared_strv_free (*field);
  *field = g_memdup2 (shared, n * sizeof (char *));
  return TRUE;

fail:
  while (n > 0)
    shared_string_unref (shared[--n]);
  return FALSE;
}

/**
 * ik_question_new_from_pull:
 * @pull: a reader that has just given the "{" of a question object
 *
 * The library load's fast way to ik_question_new_from_json(): reads the
 * question straight from the tokens, with no tree. It takes only what the
 * writer writes, "id" first (the string pool needs it before the rest), and
 * checks everything ik_question_new_from_json() checks, so that what it
 * reads is exactly what that would have read. Anything else (another
 * order, a wrong member, an invalid document) gives %NULL without a
 * reason: the caller then reads the document with
 * ik_question_new_from_json(), which explains.
 *
 * Returns: (transfer full) (nullable): the question, the reader just past
 *   its "}", or %NULL
 */
IkQuestion *
ik_question_new_from_pull (IkJsonPull *pull)
{
  g_autoptr(IkQuestion) self = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  const PooledStrings *model;
  gboolean has_text = FALSE;
  guint seen = 0;
  int member;

  g_return_val_if_fail (pull != NULL, NULL);

  /* known_members[0] is "id". */
  if (ik_json_pull_next_known (pull, known_members, &seen, &unknown) != 0
      || ik_json_pull_next (pull) != IK_JSON_TOKEN_STRING
      || !ik_json_pull_string_is_valid (pull)
      || !ik_id_is_valid (ik_json_pull_get_string (pull, NULL)))
    return NULL;

  model = pooled_question (ik_json_pull_get_string (pull, NULL));
  self = g_object_new (IK_TYPE_QUESTION, "id", ik_json_pull_get_string (pull, NULL), NULL);

  while ((member = ik_json_pull_next_known (pull, known_members, &seen, &unknown)) >= 0)
    {
      IkJsonToken token = ik_json_pull_next (pull);
      GStrv *field = NULL;
      char **model_list = NULL;
      gint64 minutes;

      /* null is missing (and "text" is required). */
      if (token == IK_JSON_TOKEN_NULL)
        continue;

      switch (member)
        {
        case 1:   /* "text" */
          if (token != IK_JSON_TOKEN_STRING || !ik_json_pull_string_is_valid (pull))
            return NULL;
          shared_string_unref (self->text);
          self->text = shared_string_like (ik_json_pull_get_string (pull, NULL),
                                           model != NULL ? model->text : NULL);
          has_text = TRUE;
          continue;
        case 5:   /* "minutes" */
          minutes = ik_json_pull_get_int (pull);
          if (token != IK_JSON_TOKEN_INT || minutes < 0 || minutes > IK_QUESTION_MAX_MINUTES)
            return NULL;
          self->minutes = (guint) minutes;
          continue;
        case 2:
          field = &self->areas, model_list = model != NULL ? model->areas : NULL;
          break;
        case 3:
          field = &self->follow_ups, model_list = model != NULL ? model->follow_ups : NULL;
          break;
        case 4:
          field = &self->competencies, model_list = model != NULL ? model->competencies : NULL;
          break;
        case 6:
          field = &self->tags, model_list = model != NULL ? model->tags : NULL;
          break;
        default:
          g_assert_not_reached ();
        }
      if (token != IK_JSON_TOKEN_BEGIN_ARRAY
          || !pull_list (pull, field == &self->competencies,
                         field == &self->competencies || field == &self->tags, model_list, field))
        return NULL;
    }
  if (member != IK_JSON_PULL_END || !has_text)
    return NULL;

  g_clear_pointer (&self->unknown, json_object_unref);
  self->unknown = g_steal_pointer (&unknown);
  return g_steal_pointer (&self);
}

/**
 * ik_question_to_json:
 * @self: a question
 * @b: a builder where a value is expected
 *
 * Writes the question as one object, unknown members last.
 */
void
ik_question_to_json (IkQuestion  *self,
                     JsonBuilder *b)
{
  g_return_if_fail (IK_IS_QUESTION (self));
  g_return_if_fail (JSON_IS_BUILDER (b));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->id);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, self->text);
  ik_json_add_strv (b, "areas", (const char * const *) self->areas);
  ik_json_add_strv (b, "follow_ups", (const char * const *) self->follow_ups);
  ik_json_add_strv (b, "competencies", (const char * const *) self->competencies);
  json_builder_set_member_name (b, "minutes");
  json_builder_add_int_value (b, self->minutes);
  ik_json_add_strv (b, "tags", (const char * const *) self->tags);
  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);
}

const char *
ik_question_get_id (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  return self->id;
}

const char *
ik_question_get_text (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  return self->text;
}

/**
 * ik_question_set_text:
 * @self: a question
 * @text: (nullable): the question as asked; %NULL is the empty string
 */
void
ik_question_set_text (IkQuestion *self,
                      const char *text)
{
  g_return_if_fail (IK_IS_QUESTION (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;

  {
    char *old = self->text;

    /* Made before the old one goes: @text may point into it. */
    self->text = shared_string_new (text);
    shared_string_unref (old);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

static void
set_strv (IkQuestion         *self,
          GStrv              *field,
          const char * const *value,
          guint               prop)
{
  if (strv_equal ((const char * const *) *field, value))
    return;

  {
    char **old = *field;

    /* Made before the old one goes: @value may point into it. */
    *field = shared_strv_new (value);
    shared_strv_free (old);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ik_question_get_areas:
 * @self: a question
 *
 * Returns: (transfer none): the areas the answer should cover, never %NULL
 */
const char * const *
ik_question_get_areas (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  return (const char * const *) self->areas;
}

/**
 * ik_question_set_areas:
 * @self: a question
 * @areas: (nullable) (array zero-terminated=1): the new list
 */
void
ik_question_set_areas (IkQuestion         *self,
                       const char * const *areas)
{
  g_return_if_fail (IK_IS_QUESTION (self));

  set_strv (self, &self->areas, areas, PROP_AREAS);
}

/**
 * ik_question_get_follow_ups:
 * @self: a question
 *
 * Returns: (transfer none): the follow-up questions, never %NULL
 */
const char * const *
ik_question_get_follow_ups (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  return (const char * const *) self->follow_ups;
}

/**
 * ik_question_set_follow_ups:
 * @self: a question
 * @follow_ups: (nullable) (array zero-terminated=1): the new list
 */
void
ik_question_set_follow_ups (IkQuestion         *self,
                            const char * const *follow_ups)
{
  g_return_if_fail (IK_IS_QUESTION (self));

  set_strv (self, &self->follow_ups, follow_ups, PROP_FOLLOW_UPS);
}

/**
 * ik_question_get_competencies:
 * @self: a question
 *
 * Returns: (transfer none): ids of the competencies the question assesses
 */
const char * const *
ik_question_get_competencies (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  return (const char * const *) self->competencies;
}

/**
 * ik_question_set_competencies:
 * @self: a question
 * @competencies: (nullable) (array zero-terminated=1): competency ids
 */
void
ik_question_set_competencies (IkQuestion         *self,
                              const char * const *competencies)
{
  g_return_if_fail (IK_IS_QUESTION (self));

  set_strv (self, &self->competencies, competencies, PROP_COMPETENCIES);
}

/**
 * ik_question_get_tags:
 * @self: a question
 *
 * Returns: (transfer none): free-form tags, never %NULL
 */
const char * const *
ik_question_get_tags (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * ik_question_set_tags:
 * @self: a question
 * @tags: (nullable) (array zero-terminated=1): the new list
 */
void
ik_question_set_tags (IkQuestion         *self,
                      const char * const *tags)
{
  g_return_if_fail (IK_IS_QUESTION (self));

  set_strv (self, &self->tags, tags, PROP_TAGS);
}

guint
ik_question_get_minutes (IkQuestion *self)
{
  g_return_val_if_fail (IK_IS_QUESTION (self), 0);

  return self->minutes;
}

/**
 * ik_question_set_minutes:
 * @self: a question
 * @minutes: the time to plan for it, at most %IK_QUESTION_MAX_MINUTES
 */
void
ik_question_set_minutes (IkQuestion *self,
                         guint       minutes)
{
  g_return_if_fail (IK_IS_QUESTION (self));
  g_return_if_fail (minutes <= IK_QUESTION_MAX_MINUTES);

  if (self->minutes == minutes)
    return;

  self->minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Takes @source's vector of shared strings into @field when it differs,
 * sharing the strings. */
static gboolean
take_strv (IkQuestion  *self,
           GStrv       *field,
           char       **source,
           guint        prop)
{
  if (strv_equal ((const char * const *) *field, (const char * const *) source))
    return FALSE;

  shared_strv_free (*field);
  *field = shared_strv_copy (source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/**
 * ik_question_update_from:
 * @self: a question
 * @source: a question with the same id, e.g. freshly read from a file
 *
 * Makes @self hold what @source holds (unknown members included), sharing
 * its strings, so that whoever shows @self sees the new content: notifies
 * each property that changed, then emits #IkQuestion::changed once.
 *
 * Returns: whether anything changed
 */
gboolean
ik_question_update_from (IkQuestion *self,
                         IkQuestion *source)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (IK_IS_QUESTION (self), FALSE);
  g_return_val_if_fail (IK_IS_QUESTION (source), FALSE);
  g_return_val_if_fail (g_strcmp0 (self->id, source->id) == 0, FALSE);

  if (self == source)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (strcmp (self->text, source->text) != 0)
    {
      shared_string_unref (self->text);
      self->text = shared_string_ref (source->text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
      changed = TRUE;
    }
  changed |= take_strv (self, &self->areas, source->areas, PROP_AREAS);
  changed |= take_strv (self, &self->follow_ups, source->follow_ups, PROP_FOLLOW_UPS);
  changed |= take_strv (self, &self->competencies, source->competencies, PROP_COMPETENCIES);
  changed |= take_strv (self, &self->tags, source->tags, PROP_TAGS);
  changed |= IK_UPDATE_FIELD (self, self->minutes, source->minutes, properties[PROP_MINUTES]);
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return changed;
}
