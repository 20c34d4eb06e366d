/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bank.c: a question bank (questions, competencies, guidance).
 *
 * The bank is the unit of storage: every edit of the bank or of anything in
 * it ends in one IkBank::changed, after the bank bumped its version (the
 * "revision" in the file) and its modification time. The library listens to
 * that signal to schedule the autosave.
 */
#include "config.h"

#include "ik-bank.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-listeners.h"
#include "ik-update.h"
#include "ik-util.h"

/* Follows one GListStore: holds a ref and a `changed` handler for each item
 * (mirroring the store's order, so removed items can be disconnected), and
 * optionally an id → item index for lookups. */
typedef struct
{
  IkBank     *bank;
  GListStore *store;
  GPtrArray  *entries;
  GHashTable *index;            /* id → item (borrowed); NULL for guidance */
  const char *(*get_id) (gpointer item);
  gulong      items_changed_id;
} Tracker;

typedef struct
{
  GObject *item;
  IkBank  *bank;
} Entry;

struct _IkBank
{
  GObject      parent_instance;

  char        *id;
  char        *title;
  char        *description;
  IkBankOrigin origin;
  char        *origin_file;
  GDateTime   *created;
  GDateTime   *modified;
  guint64      version;
  gboolean     read_only;

  /* Set while a document is being read or a copy built: no bumps then. */
  gboolean     loading;

  /* The questions array of the file, not read yet (the library load's
   * index vouches for it): where it is read from, on first use. */
  IkBankQuestionsRead pending_questions;   /* nullable */
  gpointer     pending_data;
  GDestroyNotify pending_destroy;
  guint        n_pending_questions;
  gboolean     questions_lost;   /* they could not be read: never written */

  Tracker      questions;
  Tracker      competencies;
  Tracker      guidance;

  JsonObject  *unknown;
};

G_DEFINE_FINAL_TYPE (IkBank, ik_bank, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_ORIGIN,
  PROP_ORIGIN_FILE,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_VERSION,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const known_members[] = {
  "format", "version", "id", "title", "description", "origin", "origin_file",
  "created", "modified", "revision", "guidance", "competencies", "questions",
  NULL
};

/* Bumps the version and modification time, then tells listeners. */
static void
ik_bank_emit_changed (IkBank *self)
{
  if (self->loading)
    return;

  self->version++;
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_date_time_new_now_local ();

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_child_changed (gpointer bank,
                  gpointer child)
{
  ik_bank_emit_changed (bank);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  ik_listeners_remove (entry->item, on_child_changed, entry->bank);
  g_clear_object (&entry->item);
  g_free (entry);
}


static void
tracker_index_remove (Tracker *tracker,
                      GObject *item)
{
  const char *id = tracker->get_id (item);

  if (g_hash_table_lookup (tracker->index, id) != item)
    return;

  g_hash_table_remove (tracker->index, id);

  /* Another item with the same id (only possible through direct store
   * edits) takes its place so that lookups stay consistent. */
  for (guint i = 0; i < tracker->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (tracker->entries, i);

      if (entry->item != item && g_strcmp0 (tracker->get_id (entry->item), id) == 0)
        {
          g_hash_table_insert (tracker->index,
                               (gpointer) tracker->get_id (entry->item), entry->item);
          break;
        }
    }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Tracker    *tracker)
{
  for (guint i = 0; i < removed; i++)
    {
      Entry *entry = g_ptr_array_index (tracker->entries, position);
      g_autoptr(GObject) item = g_object_ref (entry->item);

      g_ptr_array_remove_index (tracker->entries, position);
      if (tracker->index != NULL)
        tracker_index_remove (tracker, item);
    }

  for (guint i = 0; i < added; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->item = g_list_model_get_item (model, position + i);
      entry->bank = tracker->bank;
      ik_listeners_add (entry->item, on_child_changed, entry->bank);
      g_ptr_array_insert (tracker->entries, position + i, entry);

      if (tracker->index != NULL)
        {
          const char *id = tracker->get_id (entry->item);

          if (!g_hash_table_contains (tracker->index, id))
            g_hash_table_insert (tracker->index, (gpointer) id, entry->item);
        }
    }

  ik_bank_emit_changed (tracker->bank);
}

static void
tracker_init (Tracker    *tracker,
              IkBank     *bank,
              GType       item_type,
              const char *(*get_id) (gpointer item))
{
  tracker->bank = bank;
  tracker->store = g_list_store_new (item_type);
  tracker->entries = g_ptr_array_new_with_free_func (entry_free);
  tracker->get_id = get_id;
  /* Keys are the items' own id strings, which never change (construct-only). */
  if (get_id != NULL)
    tracker->index = g_hash_table_new (g_str_hash, g_str_equal);
  tracker->items_changed_id = g_signal_connect (tracker->store, "items-changed",
                                                G_CALLBACK (on_items_changed), tracker);
}

static void
tracker_clear (Tracker *tracker)
{
  if (tracker->store != NULL)
    g_clear_signal_handler (&tracker->items_changed_id, tracker->store);
  g_clear_pointer (&tracker->index, g_hash_table_unref);
  g_clear_pointer (&tracker->entries, g_ptr_array_unref);
  g_clear_object (&tracker->store);
}

static const char *
question_id (gpointer item)
{
  return ik_question_get_id (item);
}

static const char *
competency_id (gpointer item)
{
  return ik_competency_get_id (item);
}

static void
ik_bank_dispose (GObject *object)
{
  IkBank *self = IK_BANK (object);

  tracker_clear (&self->questions);
  tracker_clear (&self->competencies);
  tracker_clear (&self->guidance);

  G_OBJECT_CLASS (ik_bank_parent_class)->dispose (object);
}

static void
clear_pending_questions (IkBank *self)
{
  GDestroyNotify destroy = self->pending_destroy;
  gpointer data = self->pending_data;

  self->pending_questions = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
  self->n_pending_questions = 0;
  if (destroy != NULL)
    destroy (data);
}

static void
ik_bank_finalize (GObject *object)
{
  IkBank *self = IK_BANK (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->origin_file, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->unknown, json_object_unref);
  clear_pending_questions (self);

  G_OBJECT_CLASS (ik_bank_parent_class)->finalize (object);
}

static void
ik_bank_constructed (GObject *object)
{
  IkBank *self = IK_BANK (object);

  G_OBJECT_CLASS (ik_bank_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = ik_uuid_new ();
}

static void
ik_bank_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  IkBank *self = IK_BANK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ORIGIN:
      g_value_set_enum (value, self->origin);
      break;
    case PROP_ORIGIN_FILE:
      g_value_set_string (value, self->origin_file);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case PROP_VERSION:
      g_value_set_uint64 (value, self->version);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_bank_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  IkBank *self = IK_BANK (object);

  switch (prop_id)
    {
    case PROP_ID:
      {
        const char *id = g_value_get_string (value);

        if (id != NULL && !ik_id_is_valid (id))
          g_warning ("Invalid bank id “%s”, using a new one", id);
        else
          self->id = g_strdup (id);
      }
      break;
    case PROP_TITLE:
      ik_bank_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      ik_bank_set_description (self, g_value_get_string (value));
      break;
    case PROP_ORIGIN:
      ik_bank_set_origin (self, g_value_get_enum (value));
      break;
    case PROP_ORIGIN_FILE:
      ik_bank_set_origin_file (self, g_value_get_string (value));
      break;
    case PROP_CREATED:
      ik_bank_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_MODIFIED:
      ik_bank_set_modified (self, g_value_get_boxed (value));
      break;
    case PROP_VERSION:
      ik_bank_set_version (self, g_value_get_uint64 (value));
      break;
    case PROP_READ_ONLY:
      ik_bank_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_bank_class_init (IkBankClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ik_bank_dispose;
  object_class->finalize = ik_bank_finalize;
  object_class->constructed = ik_bank_constructed;
  object_class->get_property = ik_bank_get_property;
  object_class->set_property = ik_bank_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "", flags);
  properties[PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL, IK_TYPE_BANK_ORIGIN, IK_BANK_ORIGIN_USER, flags);
  /**
   * IkBank:origin-file:
   *
   * The name of the file an imported bank came from, or %NULL.
   */
  properties[PROP_ORIGIN_FILE] =
    g_param_spec_string ("origin-file", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * IkBank:modified:
   *
   * The time of the last edit; updated on every #IkBank::changed.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /**
   * IkBank:version:
   *
   * The edit counter ("revision" in the file), +1 on every
   * #IkBank::changed. Setting it is bookkeeping, not an edit.
   */
  properties[PROP_VERSION] =
    g_param_spec_uint64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * IkBank:read-only:
   *
   * %TRUE when the bank was read from a newer major format version: it can
   * be shown and edited in memory, but the store never writes it back.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IkBank::changed:
   *
   * Emitted after any edit of the bank or of its questions, competencies
   * and guidance, once version and modified were bumped.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ik_bank_init (IkBank *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
  self->origin = IK_BANK_ORIGIN_USER;
  self->created = g_date_time_new_now_local ();
  self->modified = g_date_time_ref (self->created);
  self->unknown = json_object_new ();

  tracker_init (&self->questions, self, IK_TYPE_QUESTION, question_id);
  tracker_init (&self->competencies, self, IK_TYPE_COMPETENCY, competency_id);
  tracker_init (&self->guidance, self, IK_TYPE_GUIDANCE, NULL);
}

/**
 * ik_bank_new:
 * @title: (nullable): the title
 *
 * Returns: (transfer full): an empty user bank with a fresh id
 */
IkBank *
ik_bank_new (const char *title)
{
  IkBank *self = g_object_new (IK_TYPE_BANK, NULL);

  self->loading = TRUE;
  ik_bank_set_title (self, title);
  self->loading = FALSE;
  return self;
}

typedef gpointer (*ReadFunc) (JsonObject *o, GError **error);
typedef const char *(*IdFunc) (gpointer item);
typedef gpointer (*CopyFunc) (gpointer item);

/* Reads one array of objects into a store with `read`, checking the size
 * cap and, when `index` is given, that ids are unique. */
static gboolean
read_items (JsonObject   *root,
            const char   *member,
            gboolean      required,
            GListStore   *store,
            ReadFunc      read,
            IdFunc        get_id,
            GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = NULL;
  guint n;

  if (!ik_json_get_array (root, member, required, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (n > IK_BANK_MAX_ITEMS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   _("%s: too many entries (%u, at most %d)"), member, n, IK_BANK_MAX_ITEMS);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("%s[%u]: expected an object"), member, i);
          return FALSE;
        }

      item = read (json_node_get_object (node), error);
      if (item == NULL)
        {
          g_prefix_error (error, "%s[%u].", member, i);
          return FALSE;
        }
      g_ptr_array_add (items, item);

      if (get_id != NULL && !g_hash_table_add (seen, (gpointer) get_id (item)))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                       _("%s[%u].id: the id “%s” is used twice"), member, i, get_id (item));
          return FALSE;
        }
    }

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return TRUE;
}

static gboolean
read_document (IkBank      *self,
               JsonObject  *o,
               GPtrArray   *questions,
               GPtrArray   *competencies,
               GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *origin_file = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  gint64 revision = 0;
  int origin = IK_BANK_ORIGIN_USER;

  if (!ik_json_get_string (o, "title", TRUE, &title, error)
      || !ik_json_get_string (o, "description", FALSE, &description, error)
      || !ik_json_get_enum (o, "origin", FALSE, IK_TYPE_BANK_ORIGIN, &origin, error)
      || !ik_json_get_string (o, "origin_file", FALSE, &origin_file, error)
      || !ik_json_get_time (o, "created", FALSE, &created, error)
      || !ik_json_get_time (o, "modified", FALSE, &modified, error)
      || !ik_json_get_int (o, "revision", FALSE, 0, G_MAXINT64, &revision, error))
    return FALSE;

  if (!read_items (o, "guidance", FALSE, self->guidance.store,
                   (ReadFunc) ik_guidance_new_from_json, NULL, error)
      || (competencies == NULL
          && !read_items (o, "competencies", FALSE, self->competencies.store,
                          (ReadFunc) ik_competency_new_from_json, competency_id, error))
      || (questions == NULL
          && !read_items (o, "questions", TRUE, self->questions.store,
                          (ReadFunc) ik_question_new_from_json, question_id, error)))
    return FALSE;
  /* Read by ik_bank_new_from_data(), which checked them as read_items()
   * does. */
  if (questions != NULL)
    g_list_store_splice (self->questions.store, 0, 0, questions->pdata, questions->len);
  if (competencies != NULL)
    g_list_store_splice (self->competencies.store, 0, 0, competencies->pdata, competencies->len);

  g_free (self->title);
  self->title = g_steal_pointer (&title);
  if (description != NULL)
    {
      g_free (self->description);
      self->description = g_steal_pointer (&description);
    }
  self->origin = origin;
  self->origin_file = g_steal_pointer (&origin_file);
  if (created != NULL)
    {
      g_date_time_unref (self->created);
      self->created = g_steal_pointer (&created);
    }
  if (modified != NULL)
    {
      g_date_time_unref (self->modified);
      self->modified = g_steal_pointer (&modified);
    }
  self->version = (guint64) revision;

  json_object_unref (self->unknown);
  self->unknown = ik_json_collect_unknown (o, known_members);
  return TRUE;
}

static IkBank *new_from_object (JsonObject  *o,
                                GPtrArray   *questions,
                                GPtrArray   *competencies,
                                GError     **error);

/**
 * ik_bank_new_from_json:
 * @root: a whole bank document, as from ik_json_parse()
 * @error: return location for an error
 *
 * Reads a bank document. Errors name the member at fault with its path,
 * such as "questions[3].areas[1]: expected a string, found an integer".
 * A different "format" is %IK_JSON_ERROR_FORMAT. A document of a newer
 * major version is read if it can be, with #IkBank:read-only set; if it
 * cannot, the error is %IK_JSON_ERROR_NEWER_VERSION. Reading does not bump
 * the version nor emit #IkBank::changed.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL on error
 */
IkBank *
ik_bank_new_from_json (JsonNode  *root,
                       GError   **error)
{
  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                           _("Not an Interview Kit question bank: the document is not an object"));
      return NULL;
    }
  return new_from_object (json_node_get_object (root), NULL, NULL, error);
}

/* The questions and competencies, when given, have been read from the
 * tokens; "questions" or "competencies" is then not in @o. */
static IkBank *
new_from_object (JsonObject  *o,
                 GPtrArray   *questions,
                 GPtrArray   *competencies,
                 GError     **error)
{
  g_autoptr(IkBank) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  JsonNode *format;
  gint64 version = 0;

  format = json_object_get_member (o, "format");
  if (format == NULL
      || !JSON_NODE_HOLDS_VALUE (format)
      || json_node_get_value_type (format) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (format), IK_BANK_FORMAT) != 0)
    {
      g_set_error_literal (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                           _("format: not an Interview Kit question bank"));
      return NULL;
    }

  if (!ik_json_get_int (o, "version", TRUE, 1, G_MAXINT64, &version, error))
    return NULL;

  if (!ik_json_get_id (o, "id", TRUE, &id, &local_error))
    goto fail;

  self = g_object_new (IK_TYPE_BANK, "id", id, NULL);
  self->loading = TRUE;
  if (!read_document (self, o, questions, competencies, &local_error))
    goto fail;
  self->read_only = version > IK_BANK_FORMAT_VERSION;
  self->loading = FALSE;

  return g_steal_pointer (&self);

fail:
  if (version > IK_BANK_FORMAT_VERSION)
    g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION,
                 _("This bank was made by a newer version of Interview Kit "
                   "(format version %lld) and cannot be read: %s"),
                 (long long) version, local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The objects of one array of a bank read from the tokens, their ids
 * unique. */
typedef struct
{
  gpointer     (*read)   (IkJsonPull *pull);
  const char * (*get_id) (gpointer    item);
  GHashTable    *ids;
} UniquePull;

/* Reads one object for ik_json_pull_read_document(), refusing an id seen
 * before. */
static gpointer
pull_unique (IkJsonPull *pull,
             gpointer    user_data)
{
  UniquePull *unique = user_data;
  GObject *object = unique->read (pull);

  if (object != NULL && !g_hash_table_add (unique->ids, (gpointer) unique->get_id (object)))
    g_clear_object (&object);
  return object;
}

/**
 * ik_bank_new_from_data:
 * @data: the bytes of a bank file
 * @length: their number
 *
 * The library load's fast way to ik_json_parse() and
 * ik_bank_new_from_json(), as ik_session_new_from_data() is for sessions:
 * the questions and competencies are read straight from the tokens
 * (ik_question_new_from_pull(), ik_competency_new_from_pull()), the rest
 * as a tree. A bank it reads is exactly the one ik_bank_new_from_json()
 * reads from the same bytes; it gives %NULL, without a reason, for
 * whatever it does not take (an invalid document, another order, a newer
 * version).
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL
 */
IkBank *
ik_bank_new_from_data (const char *data,
                       gsize       length)
{
  return ik_bank_new_from_bytes (data, length, NULL, NULL, NULL);
}

static void
bytes_unref_nullable (GBytes *bytes)
{
  if (bytes != NULL)
    g_bytes_unref (bytes);
}

static GBytes *
read_questions_from_bytes (gpointer user_data)
{
  return user_data != NULL ? g_bytes_ref (user_data) : NULL;
}

/**
 * ik_bank_new_passing_questions:
 * @data: the bytes of a bank file; the questions array may be missing
 *   from them (any bytes), all but its "[" and "]"
 * @length: their number
 * @skip: (nullable): where the questions array lies in the file and how
 *   many questions it holds, known from an earlier read of the same file:
 *   they are then passed over, and read from @read when first needed
 * @read: (nullable) (scope notified): gives the bytes of the questions
 *   array, "[" to "]", when they are needed, or %NULL when it cannot;
 *   needed with @skip
 * @read_data: (closure read): data for @read
 * @read_destroy: (destroy read_data): frees @read_data, once the bank no
 *   longer needs it (or at once, when no bank is made)
 * @questions: (out) (optional): where the questions array lies, and the
 *   number of questions, for a later @skip
 *
 * ik_bank_new_from_data(), with the questions left unread when the caller
 * knows these bytes were read whole before (the library's index of its
 * banks, by the file's stamp). Such a bank reads them through @read on
 * first use: any of its functions that give or change them
 * (ik_bank_get_questions(), ik_bank_to_json(), ...), except
 * ik_bank_peek_questions() and ik_bank_get_n_questions(). A questions
 * array that then cannot be read (the file changed, or the index was
 * wrong) leaves the bank without questions and read-only: its file is
 * never written from it.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL
 */
IkBank *
ik_bank_new_passing_questions (const char            *data,
                               gsize                  length,
                               const IkBankQuestions *skip,
                               IkBankQuestionsRead    read,
                               gpointer               read_data,
                               GDestroyNotify         read_destroy,
                               IkBankQuestions       *questions_out)
{
  g_autoptr(GHashTable) question_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) competency_ids = g_hash_table_new (g_str_hash, g_str_equal);
  UniquePull pull_questions = { (gpointer (*) (IkJsonPull *)) ik_question_new_from_pull, question_id, question_ids };
  UniquePull pull_competencies = { (gpointer (*) (IkJsonPull *)) ik_competency_new_from_pull, competency_id, competency_ids };
  IkJsonPullMember members[] = {
    { "questions", TRUE, IK_BANK_MAX_ITEMS, pull_unique, &pull_questions, NULL },
    { "competencies", TRUE, IK_BANK_MAX_ITEMS, pull_unique, &pull_competencies, NULL },
  };
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(IkBank) self = NULL;
  gboolean skipped = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (skip == NULL || read != NULL, NULL);

  if (skip != NULL && skip->n <= IK_BANK_MAX_ITEMS)
    {
      members[0].skip_start = skip->start;
      members[0].skip_end = skip->end;
    }
  o = ik_json_pull_read_document (data, length, members, G_N_ELEMENTS (members));
  questions = members[0].objects;
  competencies = members[1].objects;
  /* Passed over: the range was where the index says, "[" to "]". */
  if (o != NULL && questions == NULL && members[0].skip_end != 0 && members[0].end == members[0].skip_end)
    {
      questions = g_ptr_array_new_with_free_func (g_object_unref);
      skipped = TRUE;
    }
  /* Missing or null: "questions" is required, and the slow way says so.
   * "competencies" is not: missing or null, the bank has none. */
  if (o != NULL && questions != NULL)
    {
      if (competencies == NULL)
        competencies = g_ptr_array_new_with_free_func (g_object_unref);
      self = new_from_object (o, questions, competencies, NULL);
    }
  if (self == NULL || self->read_only)
    {
      if (read_destroy != NULL)
        read_destroy (read_data);
      return NULL;
    }
  if (skipped)
    {
      self->pending_questions = read;
      self->pending_data = read_data;
      self->pending_destroy = read_destroy;
      self->n_pending_questions = skip->n;
    }
  else if (read_destroy != NULL)
    read_destroy (read_data);
  if (questions_out != NULL)
    {
      questions_out->start = members[0].start;
      questions_out->end = members[0].end;
      questions_out->n = skipped ? skip->n : questions->len;
    }
  return g_steal_pointer (&self);
}

/**
 * ik_bank_new_from_bytes:
 * @data: the bytes of a bank file
 * @length: their number
 * @bytes: (nullable): the same bytes, held by a #GBytes; needed with @skip
 * @skip: (nullable): where the questions array lies in @data and how many
 *   questions it holds, known from an earlier read of the same bytes
 * @questions: (out) (optional): where the questions array lies, and the
 *   number of questions, for a later @skip
 *
 * ik_bank_new_passing_questions() for bytes read whole: the questions are
 * read from @bytes when first needed.
 *
 * Returns: (transfer full) (nullable): the bank, or %NULL
 */
IkBank *
ik_bank_new_from_bytes (const char            *data,
                        gsize                  length,
                        GBytes                *bytes,
                        const IkBankQuestions *skip,
                        IkBankQuestions       *questions_out)
{
  GBytes *slice = NULL;
  gsize mark;

  g_return_val_if_fail (skip == NULL || bytes != NULL, NULL);

  /* The places count after a byte order mark, the slice in @bytes. */
  mark = ik_json_byte_order_mark_length (data, length);

  if (skip != NULL && skip->start < skip->end && mark + skip->end <= g_bytes_get_size (bytes))
    slice = g_bytes_new_from_bytes (bytes, mark + skip->start, skip->end - skip->start);
  /* A range outside @bytes is no range read before: the bank is not
   * made. */
  return ik_bank_new_passing_questions (data, length, skip, read_questions_from_bytes, slice,
                                        (GDestroyNotify) bytes_unref_nullable, questions_out);
}

/* Reads the questions array @data (as ik_bank_new_from_data() reads the
 * member "questions"), or gives %NULL. */
static GPtrArray *
read_question_array (const char *data,
                     gsize       length)
{
  g_autoptr(GHashTable) question_ids = g_hash_table_new (g_str_hash, g_str_equal);
  UniquePull pull_questions = { (gpointer (*) (IkJsonPull *)) ik_question_new_from_pull, question_id, question_ids };
  IkJsonPullMember member = { "questions", TRUE, IK_BANK_MAX_ITEMS, pull_unique, &pull_questions, NULL };
  g_autoptr(IkJsonPull) pull = ik_json_pull_new_slice (data, length);

  if (!ik_json_pull_read_member (pull, &member))
    return NULL;
  if (member.objects == NULL || ik_json_pull_next (pull) != IK_JSON_TOKEN_END)
    {
      g_clear_pointer (&member.objects, g_ptr_array_unref);
      return NULL;
    }
  return member.objects;
}

/**
 * ik_bank_load_questions:
 * @self: a bank
 *
 * Reads the questions that ik_bank_new_from_bytes() left unread, if any
 * (the functions that need them do it themselves). Emits items-changed on
 * the questions, not #IkBank::changed.
 *
 * Returns: %FALSE when they could not be read (now or before): the bank
 *   is then read-only and has no questions, and must not be written over
 *   its file
 */
gboolean
ik_bank_load_questions (IkBank *self)
{
  g_autoptr(GBytes) pending = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  gboolean was_loading;
  gsize length;
  const char *data;

  g_return_val_if_fail (IK_IS_BANK (self), FALSE);

  if (self->pending_questions == NULL)
    return !self->questions_lost;
  pending = self->pending_questions (self->pending_data);
  clear_pending_questions (self);
  if (pending != NULL)
    {
      data = g_bytes_get_data (pending, &length);
      questions = read_question_array (data, length);
    }
  if (questions == NULL)
    {
      g_debug ("The questions of bank %s could not be read again; it is shown read-only", self->id);
      self->questions_lost = TRUE;
      ik_bank_set_read_only (self, TRUE);
      return FALSE;
    }
  was_loading = self->loading;
  self->loading = TRUE;
  g_list_store_splice (self->questions.store, 0, 0, questions->pdata, questions->len);
  self->loading = was_loading;
  return TRUE;
}

/**
 * ik_bank_has_pending_questions:
 * @self: a bank
 *
 * Returns: whether the questions are still to be read
 *   (ik_bank_load_questions())
 */
gboolean
ik_bank_has_pending_questions (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), FALSE);

  return self->pending_questions != NULL;
}

/**
 * ik_bank_to_json:
 * @self: a bank
 *
 * Builds the whole bank document, unknown members included, in the current
 * format version.
 *
 * Returns: (transfer full): the document
 */
JsonNode *
ik_bank_to_json (IkBank *self)
{
  g_autoptr(JsonBuilder) b = NULL;

  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, IK_BANK_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, IK_BANK_FORMAT_VERSION);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, self->title);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, self->description);
  json_builder_set_member_name (b, "origin");
  json_builder_add_string_value (b, ik_enum_to_nick (IK_TYPE_BANK_ORIGIN, self->origin));
  if (self->origin_file != NULL)
    {
      json_builder_set_member_name (b, "origin_file");
      json_builder_add_string_value (b, self->origin_file);
    }
  ik_json_add_time (b, "created", self->created);
  ik_json_add_time (b, "modified", self->modified);
  json_builder_set_member_name (b, "revision");
  json_builder_add_int_value (b, (gint64) MIN (self->version, (guint64) G_MAXINT64));

  json_builder_set_member_name (b, "guidance");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->guidance.store)); i++)
    {
      g_autoptr(IkGuidance) g = g_list_model_get_item (G_LIST_MODEL (self->guidance.store), i);

      ik_guidance_to_json (g, b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "competencies");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->competencies.store)); i++)
    {
      g_autoptr(IkCompetency) c = g_list_model_get_item (G_LIST_MODEL (self->competencies.store), i);

      ik_competency_to_json (c, b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  ik_bank_load_questions (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->questions.store)); i++)
    {
      g_autoptr(IkQuestion) q = g_list_model_get_item (G_LIST_MODEL (self->questions.store), i);

      ik_question_to_json (q, b);
    }
  json_builder_end_array (b);

  ik_json_add_unknown (b, self->unknown);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
copy_store (GListStore *from,
            GListStore *to,
            CopyFunc    copy)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (from));
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (from), i);

      g_ptr_array_add (items, copy (item));
    }
  g_list_store_splice (to, 0, 0, items->pdata, items->len);
}

/**
 * ik_bank_duplicate:
 * @self: a bank
 * @new_title: (nullable): the title of the copy, or %NULL to keep it
 *
 * Makes an editable user copy: a new bank id, the same question and
 * competency ids, origin "user", no origin file, not read-only, created
 * and modified now, version 0.
 *
 * Returns: (transfer full): the copy
 */
IkBank *
ik_bank_duplicate (IkBank     *self,
                   const char *new_title)
{
  IkBank *copy;

  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  ik_bank_load_questions (self);
  copy = g_object_new (IK_TYPE_BANK, NULL);
  copy->loading = TRUE;
  g_free (copy->title);
  copy->title = g_strdup (new_title != NULL ? new_title : self->title);
  g_free (copy->description);
  copy->description = g_strdup (self->description);
  copy_store (self->guidance.store, copy->guidance.store, (CopyFunc) ik_guidance_copy);
  copy_store (self->competencies.store, copy->competencies.store, (CopyFunc) ik_competency_copy);
  copy_store (self->questions.store, copy->questions.store, (CopyFunc) ik_question_copy);
  json_object_unref (copy->unknown);
  copy->unknown = ik_json_collect_unknown (self->unknown, NULL);
  copy->loading = FALSE;

  return copy;
}

const char *
ik_bank_get_id (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return self->id;
}

const char *
ik_bank_get_title (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return self->title;
}

/**
 * ik_bank_set_title:
 * @self: a bank
 * @title: (nullable): the title; %NULL is the empty string
 */
void
ik_bank_set_title (IkBank     *self,
                   const char *title)
{
  g_return_if_fail (IK_IS_BANK (self));

  if (!ik_set_text (&self->title, title))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  ik_bank_emit_changed (self);
}

const char *
ik_bank_get_description (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return self->description;
}

/**
 * ik_bank_set_description:
 * @self: a bank
 * @description: (nullable): the description; %NULL is the empty string
 */
void
ik_bank_set_description (IkBank     *self,
                         const char *description)
{
  g_return_if_fail (IK_IS_BANK (self));

  if (!ik_set_text (&self->description, description))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  ik_bank_emit_changed (self);
}

IkBankOrigin
ik_bank_get_origin (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), IK_BANK_ORIGIN_USER);

  return self->origin;
}

void
ik_bank_set_origin (IkBank       *self,
                    IkBankOrigin  origin)
{
  g_return_if_fail (IK_IS_BANK (self));
  g_return_if_fail (origin <= IK_BANK_ORIGIN_IMPORTED);

  if (self->origin == origin)
    return;

  self->origin = origin;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
  ik_bank_emit_changed (self);
}

const char *
ik_bank_get_origin_file (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return self->origin_file;
}

/**
 * ik_bank_set_origin_file:
 * @self: a bank
 * @origin_file: (nullable): the imported file's name, or %NULL
 */
void
ik_bank_set_origin_file (IkBank     *self,
                         const char *origin_file)
{
  g_return_if_fail (IK_IS_BANK (self));

  if (!ik_set_string (&self->origin_file, origin_file))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN_FILE]);
  ik_bank_emit_changed (self);
}

/**
 * ik_bank_get_created:
 * @self: a bank
 *
 * Returns: (transfer none): the creation time
 */
GDateTime *
ik_bank_get_created (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return self->created;
}

/**
 * ik_bank_set_created:
 * @self: a bank
 * @created: the creation time
 *
 * Bookkeeping: notifies but is not an edit.
 */
void
ik_bank_set_created (IkBank    *self,
                     GDateTime *created)
{
  g_return_if_fail (IK_IS_BANK (self));
  g_return_if_fail (created != NULL);

  if (g_date_time_equal (self->created, created))
    return;

  g_date_time_unref (self->created);
  self->created = g_date_time_ref (created);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

/**
 * ik_bank_get_modified:
 * @self: a bank
 *
 * Returns: (transfer none): the time of the last edit
 */
GDateTime *
ik_bank_get_modified (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return self->modified;
}

/**
 * ik_bank_set_modified:
 * @self: a bank
 * @modified: the time of the last edit
 *
 * Bookkeeping: notifies but is not an edit.
 */
void
ik_bank_set_modified (IkBank    *self,
                      GDateTime *modified)
{
  g_return_if_fail (IK_IS_BANK (self));
  g_return_if_fail (modified != NULL);

  if (g_date_time_equal (self->modified, modified))
    return;

  g_date_time_unref (self->modified);
  self->modified = g_date_time_ref (modified);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

guint64
ik_bank_get_version (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), 0);

  return self->version;
}

/**
 * ik_bank_set_version:
 * @self: a bank
 * @version: the edit counter
 *
 * Bookkeeping: notifies but is not an edit.
 */
void
ik_bank_set_version (IkBank  *self,
                     guint64  version)
{
  g_return_if_fail (IK_IS_BANK (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

gboolean
ik_bank_get_read_only (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), FALSE);

  return self->read_only;
}

/**
 * ik_bank_set_read_only:
 * @self: a bank
 * @read_only: whether the store must never write the bank
 *
 * Not an edit: notifies only.
 */
void
ik_bank_set_read_only (IkBank   *self,
                       gboolean  read_only)
{
  g_return_if_fail (IK_IS_BANK (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/**
 * ik_bank_get_questions:
 * @self: a bank
 *
 * Returns: (transfer none): the questions, a #GListStore of #IkQuestion
 *   that callers may edit
 */
GListModel *
ik_bank_get_questions (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  ik_bank_load_questions (self);
  return G_LIST_MODEL (self->questions.store);
}

/**
 * ik_bank_peek_questions:
 * @self: a bank
 *
 * The list ik_bank_get_questions() gives, without reading the questions
 * still pending (ik_bank_has_pending_questions()): empty until they are,
 * when it emits items-changed. For views of every bank at once, which
 * would otherwise read them all at the start.
 *
 * Returns: (transfer none): the questions, a #GListModel of #IkQuestion
 */
GListModel *
ik_bank_peek_questions (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return G_LIST_MODEL (self->questions.store);
}

/**
 * ik_bank_get_n_questions:
 * @self: a bank
 *
 * Returns: the number of questions, read or pending
 */
guint
ik_bank_get_n_questions (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), 0);

  if (self->pending_questions != NULL)
    return self->n_pending_questions;
  return g_list_model_get_n_items (G_LIST_MODEL (self->questions.store));
}

/**
 * ik_bank_get_competencies:
 * @self: a bank
 *
 * Returns: (transfer none): a #GListStore of #IkCompetency
 */
GListModel *
ik_bank_get_competencies (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return G_LIST_MODEL (self->competencies.store);
}

/**
 * ik_bank_get_guidance:
 * @self: a bank
 *
 * Returns: (transfer none): a #GListStore of #IkGuidance
 */
GListModel *
ik_bank_get_guidance (IkBank *self)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  return G_LIST_MODEL (self->guidance.store);
}

/**
 * ik_bank_find_question:
 * @self: a bank
 * @id: a question id
 *
 * Returns: (transfer none) (nullable): the question with @id
 */
IkQuestion *
ik_bank_find_question (IkBank     *self,
                       const char *id)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  if (id == NULL)
    return NULL;
  ik_bank_load_questions (self);
  return g_hash_table_lookup (self->questions.index, id);
}

/**
 * ik_bank_find_competency:
 * @self: a bank
 * @id: a competency id
 *
 * Returns: (transfer none) (nullable): the competency with @id
 */
IkCompetency *
ik_bank_find_competency (IkBank     *self,
                         const char *id)
{
  g_return_val_if_fail (IK_IS_BANK (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->competencies.index, id);
}

/* Empties a bank whose children were taken by ik_bank_update_from(), so
 * that they are no longer connected to it. */
static void
ik_bank_drop_children (IkBank *self)
{
  self->loading = TRUE;
  clear_pending_questions (self);
  g_list_store_remove_all (self->questions.store);
  g_list_store_remove_all (self->competencies.store);
  g_list_store_remove_all (self->guidance.store);
}

/**
 * ik_bank_update_from:
 * @self: a bank
 * @source: a freshly read bank with the same id; left empty (its children
 *   may have moved to @self)
 *
 * Makes @self hold what @source holds, for a file changed by another
 * program while @self has no unsaved edits. @self stays the same object,
 * and so do its questions, competencies and guidance entries where both
 * lists have them (questions and competencies by id, guidance by
 * position): they are updated in place, so views bound to them stay
 * valid; the rest of each list is spliced. Notifies every property that
 * changed and emits items-changed for the lists, then #IkBank::changed
 * once when the content changed. Bookkeeping (version, modified, created,
 * read-only) ends equal to @source's and does not bump: afterwards
 * ik_bank_to_json() of both is the same document.
 */
void
ik_bank_update_from (IkBank *self,
                     IkBank *source)
{
  gboolean changed = FALSE;

  g_return_if_fail (IK_IS_BANK (self));
  g_return_if_fail (IK_IS_BANK (source));
  g_return_if_fail (g_strcmp0 (self->id, source->id) == 0);

  if (self == source)
    return;

  ik_bank_load_questions (self);
  ik_bank_load_questions (source);
  g_object_freeze_notify (G_OBJECT (self));
  /* The children's edits are this one edit, and bump nothing. */
  self->loading = TRUE;

  changed |= ik_update_string (G_OBJECT (self), &self->title, source->title,
                               properties[PROP_TITLE]);
  changed |= ik_update_string (G_OBJECT (self), &self->description, source->description,
                               properties[PROP_DESCRIPTION]);
  changed |= IK_UPDATE_FIELD (self, self->origin, source->origin, properties[PROP_ORIGIN]);
  changed |= ik_update_string (G_OBJECT (self), &self->origin_file, source->origin_file,
                               properties[PROP_ORIGIN_FILE]);
  changed |= ik_json_take_unknown (&self->unknown, source->unknown);

  /* The trackers connect and disconnect the items as they come and go. */
  changed |= ik_list_store_update_from (self->guidance.store,
                                        G_LIST_MODEL (source->guidance.store),
                                        NULL,
                                        (IkListUpdateFunc) ik_guidance_update_from,
                                        NULL, NULL, NULL);
  changed |= ik_list_store_update_from (self->competencies.store,
                                        G_LIST_MODEL (source->competencies.store),
                                        competency_id,
                                        (IkListUpdateFunc) ik_competency_update_from,
                                        NULL, NULL, NULL);
  changed |= ik_list_store_update_from (self->questions.store,
                                        G_LIST_MODEL (source->questions.store),
                                        question_id,
                                        (IkListUpdateFunc) ik_question_update_from,
                                        NULL, NULL, NULL);
  ik_bank_drop_children (source);
  /* Its questions are the file's again, if they had been lost. */
  self->questions_lost = source->questions_lost;

  self->loading = FALSE;
  ik_update_time (G_OBJECT (self), &self->created, source->created, properties[PROP_CREATED]);
  ik_update_time (G_OBJECT (self), &self->modified, source->modified, properties[PROP_MODIFIED]);
  ik_bank_set_version (self, source->version);
  ik_bank_set_read_only (self, source->read_only);
  g_object_thaw_notify (G_OBJECT (self));

  /* Not ik_bank_emit_changed(): the version is the file's. */
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}
