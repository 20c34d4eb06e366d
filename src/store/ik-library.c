/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library.c: the store. Files of the library folder <-> list models.
 *
 * Layout of the library folder (all folders 0700, all files 0600):
 *   banks/<id>.json        user banks (bundled ones live in the resources)
 *   sessions/<id>.json     interview sessions
 *   trash/<kind>-<id>-<timestamp>.json   deleted ones, purged after 30 days
 *
 * Loading reads and parses every file in a worker thread and adds the
 * results to the list models in one batch on the main thread. A file that
 * cannot be used becomes an IkProblem and is never written, moved or
 * deleted by the library; everything else still loads.
 *
 * Saving: every bank and session has an Entry that counts its changes
 * (generation). A change schedules a save after the autosave delay; the
 * document is serialised on the main thread and written by a worker. The
 * writes of all entries go through io_lock, and a write is skipped when a
 * newer generation of the same entry is already on the disk, so a
 * synchronous flush racing with an autosave can never put older data back.
 *
 * Loading is spread over one worker per processor (files handed out in
 * turn, results merged in file-name order, so the outcome does not depend
 * on the threads), and keeps no copy of the files: only their fstat stamp.
 *
 * External changes: a GFileMonitor watches banks/ and sessions/. After an
 * event settles, the file is read in a worker thread; the event was ours
 * (and is ignored) when the file holds what we last wrote. A save keeps a
 * reference to the bytes it wrote (no hashing on the save path) until the
 * monitor reports that write; from then on their SHA-256 stands for them.
 * A file not written since it was loaded is unchanged while its stamp
 * (device, inode, size, mtime, ctime) is the one it had when loaded; files
 * changed just before the load (ik_library_stamp_time_is_racy) are hashed instead,
 * since a write in the same tick of the file system's clock keeps the
 * stamp. A clean
 * object is replaced in its list by a new object read from the file (the
 * list emits items-changed at the same position; widgets holding the old
 * object should rebind). When the object also has unsaved edits, ours win:
 * the other program's file is kept byte for byte as
 * `<id>.conflict-<timestamp>.json` next to it, reported as a CONFLICT
 * problem, and ours is saved over `<id>.json`. Conflict copies, ours or a
 * sync client's, are reported at every load and never loaded.
 */
#include "config.h"

#include "ik-library-private.h"

#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ik-enums.h"
#include "ik-enum-types.h"
#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-document.h"
#include "ik-merge.h"
#include "ik-util.h"

GParamSpec *ik_library_properties[N_PROPS];
const char * const ik_library_kind_names[2] = { "bank", "session" };
const char * const ik_library_kind_folders[2] = { "banks", "sessions" };

G_DEFINE_FINAL_TYPE (IkLibrary, ik_library, G_TYPE_OBJECT)

/* Tests move the clock that decides which files are too fresh for their
 * stamp to be trusted, instead of waiting seconds. Set before a load, read
 * by its workers. */
static GMutex clock_lock;
static gint64 clock_offset_ns;

void
ik_library_set_clock_offset (gint64 offset_ns)
{
  g_mutex_lock (&clock_lock);
  clock_offset_ns = offset_ns;
  g_mutex_unlock (&clock_lock);
}

gint64
ik_library_now_ns (void)
{
  gint64 offset;

  g_mutex_lock (&clock_lock);
  offset = clock_offset_ns;
  g_mutex_unlock (&clock_lock);
  return g_get_real_time () * 1000 + offset;
}

/* Tests see every autosave timer start, with its delay, and fire it when
 * they choose: the delays are checked without waiting for them. */
void
ik_library_set_add_timeout_func (IkLibrary        *self,
                                 IkAddTimeoutFunc  func)
{
  g_return_if_fail (IK_IS_LIBRARY (self));
  self->add_timeout = func;
}

guint
ik_library_get_n_resyncs (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), 0);
  return self->n_resyncs;
}

guint
ik_library_get_n_indexed (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), 0);
  return self->n_indexed;
}

gboolean
ik_library_stamp_time_is_racy (gint64 time_ns,
                    gint64 now_ns)
{
  gint64 window = time_ns % 1000000000 != 0 ? STAMP_RACY_FINE_NS : STAMP_RACY_COARSE_NS;

  return time_ns > now_ns - window;
}

/* Entries *********************************************************************/

static Entry *
entry_new (IkLibrary  *library,
           EntryKind   kind,
           GObject    *object,
           const char *id)
{
  Entry *entry = g_rc_box_new0 (Entry);

  entry->library = library;
  entry->kind = kind;
  entry->object = g_object_ref (object);
  entry->id = g_strdup (id);
  entry->path = g_strconcat (library->kind_dirs[kind], G_DIR_SEPARATOR_S, id, ".json", NULL);
  return entry;
}

static void
entry_clear (Entry *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_clear_signal_handler (&entry->changed_id, entry->object);
  g_clear_object (&entry->object);
  g_free (entry->id);
  g_free (entry->path);
  g_clear_pointer (&entry->base, g_bytes_unref);
  g_free (entry->locked_reason);
  g_clear_pointer (&entry->usage_ids, g_strfreev);
}

/* Under io_lock. */
gboolean
ik_library_entry_wrote_recently (Entry             *entry,
                      const IkFileStamp *stamp)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry->recent_stamps); i++)
    if (ik_file_stamp_equal (&entry->recent_stamps[i], stamp))
      return TRUE;
  return FALSE;
}

Entry *
ik_library_entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

void
ik_library_entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}


gboolean
ik_library_entry_is_dirty (Entry *entry)
{
  return entry->generation > entry->saved_generation;
}

char *
ik_library_object_dup_string (GObject    *object,
                   const char *property)
{
  char *value = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property) != NULL)
    g_object_get (object, property, &value, NULL);
  return value;
}

char *
ik_library_entry_dup_display_name (Entry *entry)
{
  char *name = ik_library_object_dup_string (entry->object,
                                  entry->kind == KIND_BANK ? "title" : "candidate-name");

  if (name == NULL || *name == '\0')
    {
      g_free (name);
      return g_strdup (entry->id);
    }
  return name;
}

/* Errors and state ************************************************************/

static void
set_error (IkLibrary  *self,
           const char *error)
{
  gboolean had_error = self->error != NULL;

  if (!ik_set_string (&self->error, error))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), ik_library_properties[PROP_ERROR]);
  if (had_error != (error != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), ik_library_properties[PROP_HAS_ERROR]);
}

static gboolean
retry_cb (gpointer user_data)
{
  IkLibrary *self = user_data;

  self->retry_id = 0;
  ik_library_retry_save (self);
  return G_SOURCE_REMOVE;
}

/* Counted, so that clearing the error after a save does not walk every
 * entry (22,000 of them at 10x the bench's library). */
void
ik_library_entry_set_failed (Entry    *entry,
                             gboolean  failed)
{
  if (entry->failed == !!failed)
    return;
  entry->failed = !!failed;
  if (failed)
    entry->library->n_failed++;
  else
    entry->library->n_failed--;
}

void
ik_library_entry_failed (Entry        *entry,
              const GError *error)
{
  IkLibrary *self = entry->library;
  g_autofree char *name = ik_library_entry_dup_display_name (entry);
  g_autofree char *message = NULL;

  ik_library_entry_set_failed (entry, TRUE);
  /* Translators: the first %s is a bank title or candidate name, the
   * second the system's reason, e.g. "No space left on device". */
  message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  set_error (self, message);

  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (self->retry_delay, retry_cb, self);
}

void
ik_library_update_error (IkLibrary *self)
{
  if (self->n_failed > 0)
    return;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  set_error (self, NULL);
}

void
ik_library_add_writing (IkLibrary *self,
             int        delta)
{
  gboolean was_saving = self->n_writing > 0;

  self->n_writing += delta;
  if (was_saving != (self->n_writing > 0))
    g_object_notify_by_pspec (G_OBJECT (self), ik_library_properties[PROP_SAVING]);
}

void
ik_library_add_problem (IkLibrary     *self,
             IkProblemKind  kind,
             const char    *path,
             guint          line,
             guint          column,
             const char    *message)
{
  g_autoptr(IkProblem) problem = ik_problem_new (kind, path, line, column, message);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));

  /* At run time the same file can be reported again; keep one entry per
   * file and kind. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkProblem) old = g_list_model_get_item (G_LIST_MODEL (self->problems), i);

      if (ik_problem_get_kind (old) == kind &&
          g_strcmp0 (ik_problem_get_path (old), path) == 0)
        {
          g_list_store_splice (self->problems, i, 1, (gpointer *) &problem, 1);
          return;
        }
    }
  g_list_store_append (self->problems, problem);
}

/* Tracking objects (main thread) **********************************************/

static void
on_object_changed (GObject *object,
                   Entry   *entry)
{
  if (!ik_library_entry_is_dirty (entry))
    {
      entry->first_dirty_time = g_get_monotonic_time ();
      /* The first edit since the file was read: keep what the file holds
       * as the base of a merge with another program's later change. A
       * file that is no longer what was read has no known base. */
      if (entry->base == NULL && entry->on_disk && !entry->writing)
        {
          g_autofree char *data = NULL;
          IkFileStamp stamp;
          gsize len = 0;

          if (ik_file_store_read_stamped (entry->path, IK_JSON_MAX_FILE_SIZE, &data, &len, &stamp, NULL) &&
              ik_file_stamp_equal (&stamp, &entry->disk_stamp))
            entry->base = g_bytes_new_take (g_steal_pointer (&data), len);
        }
    }
  else if (entry->writing && entry->first_change_while_writing == 0)
    entry->first_change_while_writing = g_get_monotonic_time ();
  ik_library_usage_stale (entry);
  entry->generation++;
  ik_library_schedule_save (entry, entry->library->autosave_delay);
}

static Entry *
track_object (IkLibrary  *self,
              EntryKind   kind,
              GObject    *object,
              const char *id)
{
  Entry *entry = entry_new (self, kind, object, id);

  g_hash_table_insert (self->entries, object, entry);
  /* Replace, not insert: the key is this entry's own string. */
  g_hash_table_replace (self->entries_by_path, entry->path, entry);
  entry->changed_id = g_signal_connect (object, "changed", G_CALLBACK (on_object_changed), entry);
  ik_library_usage_stale (entry);
  return entry;
}

/* A session without keep_until gets the default one (in memory: the file
 * gets it at its next save). One without a date counts from its file's
 * time, the same in every process that read that version of the file, so
 * that two of them saving it do not disagree. */
void
ik_library_fill_keep_until (Entry             *entry,
                            const IkFileStamp *stamp)
{
  IkSession *session = IK_SESSION (entry->object);
  g_autoptr(GDateTime) written = NULL;

  /* The file's time only when it is used: the local time zone is looked
   * up on the disk every time (three system calls, for each of thousands
   * of sessions at load). */
  if (ik_session_get_keep_until (session) == NULL && ik_session_get_retention_base (session) == NULL &&
      stamp != NULL && stamp->mtime_ns > 0)
    written = g_date_time_new_from_unix_local (stamp->mtime_ns / G_GINT64_CONSTANT (1000000000));
  ik_session_fill_keep_until (session, entry->library->retention_months, written);
}

static void
add_to_pool (IkQuestionStringPool *pool,
             IkBank               *bank)
{
  /* Not the questions still unread (they are being read in idle time):
   * a body brought back meanwhile shares fewer strings. */
  GListModel *questions = ik_bank_peek_questions (bank);
  guint n = g_list_model_get_n_items (questions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, i);

      ik_question_string_pool_add (pool, question);
    }
}

/* Brings back the body of a session the load let go
 * (ik_session_unload_body()): from its file, which is normally what was
 * read. When another program changed it since and the monitor has not
 * told us yet, the body is what the file holds now: the next save merges
 * with it (the stamp is left as it was) and the resync queued here brings
 * the rest. A file that cannot be read or is no longer valid leaves the
 * session without a body, never written (ik_library_serialise()). */
static void
load_session_body (IkSession *session,
                   gpointer   user_data)
{
  IkLibrary *self = user_data;
  Entry *entry = g_hash_table_lookup (self->entries, session);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *message = NULL;
  IkQuestionStringPool *pool;
  LoadedItem *item = NULL;
  IkBank *bank;
  IkFileStamp stamp;
  gboolean same;
  gsize len = 0;

  if (entry == NULL)
    return;

  if (!ik_file_store_read_stamped (entry->path, IK_JSON_MAX_FILE_SIZE, &data, &len, &stamp, &error))
    goto failed;

  g_mutex_lock (&self->io_lock);
  same = (entry->on_disk && ik_file_stamp_equal (&stamp, &entry->disk_stamp)) ||
         (entry->base != NULL && g_bytes_get_size (entry->base) == len &&
          memcmp (g_bytes_get_data (entry->base, NULL), data, len) == 0);
  g_mutex_unlock (&self->io_lock);

  /* The snapshots share their strings with the questions of the bank
   * they were planned from (of every bank when it names none), as at
   * load. */
  pool = ik_question_string_pool_new ();
  bank = ik_library_find_bank (self, ik_session_get_bank_id (session));
  if (bank != NULL)
    add_to_pool (pool, bank);
  else
    for (guint b = 0; b < g_list_model_get_n_items (G_LIST_MODEL (self->banks)); b++)
      {
        g_autoptr(IkBank) any = g_list_model_get_item (G_LIST_MODEL (self->banks), b);

        add_to_pool (pool, any);
      }
  ik_question_string_pool_set_thread (pool);
  item = ik_library_load_document (KIND_SESSION, entry->path, entry->path, data, len,
                                   entry->id, FALSE, problems);
  ik_question_string_pool_set_thread (NULL);
  ik_question_string_pool_free (pool);
  if (item == NULL || item->read_only)
    {
      if (problems->len > 0)
        g_set_error_literal (&error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID,
                             ik_problem_get_message (g_ptr_array_index (problems, 0)));
      else
        g_set_error_literal (&error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION,
                             _("It was written by a newer version of Interview Kit"));
      g_clear_pointer (&item, ik_library_loaded_item_free);
      goto failed;
    }

  ik_session_take_body (session, IK_SESSION (item->object));
  ik_library_loaded_item_free (item);
  if (!same)
    ik_library_queue_resync (self, KIND_SESSION, entry->path, 0);
  else if (entry->base == NULL && !entry->writing)
    {
      /* What the file holds is the base of a later merge: the first edit
       * (which brought the body back) need not read it once more. */
      g_mutex_lock (&self->io_lock);
      entry->base = g_bytes_new_take (g_steal_pointer (&data), len);
      g_mutex_unlock (&self->io_lock);
    }
  return;

failed:
  /* Nothing of this session is written again: the file keeps what it
   * holds, and the user is told. */
  message = g_strdup_printf (_("The questions and notes of this interview could not be read again from its file, which another program changed: %s. The interview is not saved, so that nothing in the file is lost."),
                             error->message);
  ik_library_add_problem (self, IK_PROBLEM_READ, entry->path, 0, 0, message);
  if (entry->locked_reason == NULL)
    {
      entry->locked_reason = g_strdup (_("Its file was changed by another program and could not be read again"));
      entry->body_lost = TRUE;
    }
}

Entry *
ik_library_track_loaded_item (IkLibrary  *self,
                   LoadedItem *item)
{
  Entry *entry = track_object (self, item->kind, item->object, item->id);

  if (item->kind == KIND_SESSION && !ik_session_get_body_loaded (IK_SESSION (item->object)))
    ik_session_set_body_loader (IK_SESSION (item->object), load_session_body, self);

  if (item->kind == KIND_SESSION)
    ik_library_fill_keep_until (entry, &item->stamp);
  entry->read_only = item->read_only;
  if (item->file_read_only)
    entry->locked_reason = g_strdup (_("Its file is read-only"));
  entry->on_disk = TRUE;
  if (item->has_stamp)
    entry->disk_stamp = item->stamp;
  if (item->contents != NULL)
    entry->base = g_bytes_ref (item->contents);
  return entry;
}

void
ik_library_untrack_object (IkLibrary *self,
                Entry     *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_clear_signal_handler (&entry->changed_id, entry->object);
  if (entry->kind == KIND_SESSION)
    ik_session_set_body_loader (IK_SESSION (entry->object), NULL, NULL);
  ik_library_usage_forget (self, entry);
  if (g_hash_table_lookup (self->entries_by_path, entry->path) == entry)
    g_hash_table_remove (self->entries_by_path, entry->path);
  if (entry->failed)
    {
      ik_library_entry_set_failed (entry, FALSE);
      g_hash_table_remove (self->entries, entry->object);
      ik_library_update_error (self);
    }
  else
    g_hash_table_remove (self->entries, entry->object);
}

GListStore *
ik_library_store_for_kind (IkLibrary *self,
                EntryKind  kind)
{
  return kind == KIND_BANK ? self->banks : self->sessions;
}

gboolean
ik_library_find_by_id (GListModel *model,
            const char *id,
            guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);
      g_autofree char *object_id = ik_library_object_dup_string (object, "id");

      if (g_strcmp0 (object_id, id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

Entry *
ik_library_find_entry_by_path (IkLibrary  *self,
                    const char *path)
{
  GHashTableIter iter;
  Entry *entry = g_hash_table_lookup (self->entries_by_path, path);

  if (entry != NULL)
    return entry;
  /* Two entries of one file (an object replaced by another with its id)
   * leave the map without the one that remains when the other goes. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (strcmp (entry->path, path) == 0)
      return entry;
  return NULL;
}

/* Puts @object in its list: in place of the object with the same id, or at
 * the end. */
void
ik_library_show_object (IkLibrary  *self,
             EntryKind   kind,
             GObject    *object,
             const char *id)
{
  GListStore *store = ik_library_store_for_kind (self, kind);
  guint position;

  if (ik_library_find_by_id (G_LIST_MODEL (store), id, &position))
    g_list_store_splice (store, position, 1, (gpointer *) &object, 1);
  else
    g_list_store_append (store, object);
}

/* Public API *******************************************************************/

/**
 * ik_library_new:
 * @dir: the library folder, e.g. `$XDG_DATA_HOME/io.github.interviewkit.InterviewKit`
 *
 * Creates a library for @dir. Nothing is read until ik_library_load_async().
 *
 * Returns: (transfer full): a new library
 */
IkLibrary *
ik_library_new (const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);

  return g_object_new (IK_TYPE_LIBRARY, "dir", dir, NULL);
}

const char *
ik_library_get_dir (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  return self->dir;
}

gboolean
ik_library_get_loaded (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  return self->loaded;
}

/**
 * ik_library_get_banks:
 * @self: a library
 *
 * Returns: (transfer none): the banks (#IkBank), bundled and user ones
 */
GListModel *
ik_library_get_banks (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->banks);
}

/**
 * ik_library_get_sessions:
 * @self: a library
 *
 * Returns: (transfer none): the sessions (#IkSession)
 */
GListModel *
ik_library_get_sessions (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->sessions);
}

/**
 * ik_library_get_problems:
 * @self: a library
 *
 * Returns: (transfer none): the files that could not be used (#IkProblem)
 */
GListModel *
ik_library_get_problems (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->problems);
}

/**
 * ik_library_find_bank:
 * @self: a library
 * @id: a bank id
 *
 * Returns: (transfer none) (nullable): the bank shown with @id
 */
IkBank *
ik_library_find_bank (IkLibrary  *self,
                      const char *id)
{
  g_autoptr(GObject) bank = NULL;
  guint position;

  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!ik_library_find_by_id (G_LIST_MODEL (self->banks), id, &position))
    return NULL;
  bank = g_list_model_get_item (G_LIST_MODEL (self->banks), position);
  return IK_BANK (bank);
}

/**
 * ik_library_find_session:
 * @self: a library
 * @id: a session id
 *
 * Returns: (transfer none) (nullable): the session with @id
 */
IkSession *
ik_library_find_session (IkLibrary  *self,
                         const char *id)
{
  g_autoptr(GObject) session = NULL;
  guint position;

  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!ik_library_find_by_id (G_LIST_MODEL (self->sessions), id, &position))
    return NULL;
  session = g_list_model_get_item (G_LIST_MODEL (self->sessions), position);
  return IK_SESSION (session);
}

/**
 * ik_library_find_session_in_progress:
 * @self: a library
 *
 * Returns: (transfer none) (nullable): the first interview that is running
 *   (%IK_SESSION_STATE_IN_PROGRESS): the one the app goes back to when it
 *   is opened again
 */
IkSession *
ik_library_find_session_in_progress (IkLibrary *self)
{
  GListModel *sessions;

  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);

  sessions = G_LIST_MODEL (self->sessions);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);

      if (ik_session_get_state (session) == IK_SESSION_STATE_IN_PROGRESS)
        return session;   /* the library keeps its reference */
    }
  return NULL;
}

/* The same document as @object under a new id. */
static GObject *
object_with_new_id (EntryKind  kind,
                    GObject   *object)
{
  g_autoptr(JsonNode) root = kind == KIND_BANK ? ik_bank_to_json (IK_BANK (object))
                                               : ik_session_to_json (IK_SESSION (object));
  g_autofree char *id = ik_uuid_new ();

  json_object_set_string_member (json_node_get_object (root), "id", id);
  return ik_library_object_new_from_json (kind, root, NULL);
}

static GObject *
add_object (IkLibrary *self,
            EntryKind  kind,
            GObject   *object)
{
  g_autofree char *id = ik_library_object_dup_string (object, "id");
  g_autoptr(GObject) renamed = NULL;
  g_autofree char *path = NULL;
  GListStore *store = ik_library_store_for_kind (self, kind);
  Entry *old_entry = NULL;
  Entry *entry;
  guint position;
  struct stat st;

  g_return_val_if_fail (ik_id_is_valid (id), NULL);

  if (g_hash_table_contains (self->entries, object))
    return object;

  /* Another object with the same id (an older copy): this one replaces it. */
  if (ik_library_find_by_id (G_LIST_MODEL (store), id, &position))
    {
      g_autoptr(GObject) old = g_list_model_get_item (G_LIST_MODEL (store), position);

      old_entry = g_hash_table_lookup (self->entries, old);
    }

  /* A file with this id that the library does not hold (one it could not
   * read, from a newer version, a link...) is never replaced: the new
   * object gets an id of its own. */
  path = g_strdup_printf ("%s%c%s.json", self->kind_dirs[kind], G_DIR_SEPARATOR, id);
  if (old_entry == NULL && lstat (path, &st) == 0 &&
      (renamed = object_with_new_id (kind, object)) != NULL)
    {
      object = renamed;
      g_free (id);
      id = ik_library_object_dup_string (object, "id");
    }

  entry = track_object (self, kind, object, id);
  if (kind == KIND_SESSION)
    ik_library_fill_keep_until (entry, NULL);
  if (old_entry != NULL)
    {
      g_mutex_lock (&self->io_lock);
      old_entry->gone = TRUE;
      /* The file is the old object's: the new one takes over what is known
       * of it, so that its save is not mistaken for another program's. */
      entry->on_disk = old_entry->on_disk;
      entry->disk_stamp = old_entry->disk_stamp;
      entry->base = old_entry->base != NULL ? g_bytes_ref (old_entry->base) : NULL;
      memcpy (entry->recent_stamps, old_entry->recent_stamps, sizeof entry->recent_stamps);
      g_mutex_unlock (&self->io_lock);
      ik_library_untrack_object (self, old_entry);
    }
  entry->generation = 1;
  entry->first_dirty_time = g_get_monotonic_time ();
  ik_library_show_object (self, kind, object, id);
  ik_library_schedule_save (entry, self->autosave_delay);
  return object;
}

/**
 * ik_library_add_bank:
 * @self: a library
 * @bank: a bank (new, imported, or removed earlier and added back for Undo)
 *
 * Shows @bank in the list (in place of a bank with the same id, bundled or
 * not) and saves it soon to `banks/<id>.json`. When a file with that id is
 * in the folder but not in the library (it could not be read, say), it is
 * left alone and a copy of @bank with a new id is added instead.
 *
 * Returns: (transfer none): the bank added: @bank or its copy
 */
IkBank *
ik_library_add_bank (IkLibrary *self,
                     IkBank    *bank)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  return IK_BANK (add_object (self, KIND_BANK, G_OBJECT (bank)));
}

/**
 * ik_library_add_session:
 * @self: a library
 * @session: a new session, or one removed earlier and added back for Undo
 *
 * Shows @session in the list and saves it soon to `sessions/<id>.json`
 * (under a new id when a file the library does not hold has that one).
 *
 * Returns: (transfer none): the session added: @session or its copy
 */
IkSession *
ik_library_add_session (IkLibrary *self,
                        IkSession *session)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (IK_IS_SESSION (session), NULL);

  return IK_SESSION (add_object (self, KIND_SESSION, G_OBJECT (session)));
}

/**
 * ik_library_make_user_copy:
 * @self: a library
 * @bank: a bank shown by the library
 *
 * Returns a bank that can be edited and saved: @bank itself when it is a
 * user bank, else a copy of the bundled @bank with the same id and origin
 * user, which replaces it in the list and is saved to `banks/<id>.json`.
 *
 * Returns: (transfer none): the editable bank
 */
IkBank *
ik_library_make_user_copy (IkLibrary *self,
                           IkBank    *bank)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkBank) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  if (g_hash_table_contains (self->entries, bank))
    return bank;

  root = ik_bank_to_json (bank);
  copy = ik_bank_new_from_json (root, &error);
  if (copy == NULL)
    {
      g_critical ("A bundled bank cannot be copied: %s", error->message);
      return bank;
    }
  g_object_set (copy, "origin", IK_BANK_ORIGIN_USER, NULL);
  return IK_BANK (add_object (self, KIND_BANK, G_OBJECT (copy)));
}

/**
 * ik_library_is_dirty:
 * @self: a library
 * @object: a bank or session of the library
 *
 * Returns: %TRUE when @object has changes that are not on the disk yet
 */
gboolean
ik_library_is_dirty (IkLibrary *self,
                     GObject   *object)
{
  Entry *entry;

  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);

  entry = g_hash_table_lookup (self->entries, object);
  return entry != NULL && !entry->read_only && ik_library_entry_is_dirty (entry);
}

/**
 * ik_library_set_autosave_delay:
 * @self: a library
 * @delay_ms: milliseconds between the last change and the save
 *
 * Changes the autosave delay (%IK_LIBRARY_AUTOSAVE_DELAY_MS by default).
 */
void
ik_library_set_autosave_delay (IkLibrary *self,
                               guint      delay_ms)
{
  g_return_if_fail (IK_IS_LIBRARY (self));
  self->autosave_delay = delay_ms;
}

/**
 * ik_library_set_retry_delay:
 * @self: a library
 * @delay_ms: milliseconds between a failed save and the next attempt
 *
 * Changes the retry delay (%IK_LIBRARY_RETRY_DELAY_MS by default).
 */
void
ik_library_set_retry_delay (IkLibrary *self,
                            guint      delay_ms)
{
  g_return_if_fail (IK_IS_LIBRARY (self));
  self->retry_delay = MAX (delay_ms, 1);
}

/**
 * ik_library_retry_save:
 * @self: a library
 *
 * Tries again now to save everything that is not saved (for a Retry
 * button). Failed saves are also retried every %IK_LIBRARY_RETRY_DELAY_MS.
 */
void
ik_library_retry_save (IkLibrary *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (IK_IS_LIBRARY (self));

  g_clear_handle_id (&self->retry_id, g_source_remove);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (ik_library_entry_is_dirty (entry) && !entry->read_only)
      {
        g_clear_handle_id (&entry->timeout_id, g_source_remove);
        ik_library_start_save (entry);
      }
}

/**
 * ik_library_set_retention_months:
 * @self: a library
 * @months: the user's retention period, 0 for none
 *
 * Sessions shown from now on that have no IkSession:keep-until get @months
 * after their interview (ik_session_fill_keep_until()): new ones, imported
 * ones, and files written before the member existed, which keep the date
 * in memory until they are saved for another reason. Set it before the
 * load.
 */
void
ik_library_set_retention_months (IkLibrary *self,
                                 guint      months)
{
  g_return_if_fail (IK_IS_LIBRARY (self));

  self->retention_months = months;
}

guint
ik_library_get_retention_months (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), 0);

  return self->retention_months;
}

/* An expired session and its date as a number: sorting 2,000 of them by
 * comparing GDateTimes took 2.9 M instructions on the main thread as the
 * library arrived. */
typedef struct
{
  gint64     usec;    /* keep-until, microseconds since 1970 */
  guint      order;   /* in the library's list: the same dates keep it */
  IkSession *session;
} Expired;

static gint64
to_unix_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static int
compare_expired (gconstpointer a,
                 gconstpointer b)
{
  const Expired *ea = a;
  const Expired *eb = b;

  if (ea->usec != eb->usec)
    return ea->usec < eb->usec ? -1 : 1;
  return ea->order < eb->order ? -1 : ea->order > eb->order;
}

/**
 * ik_library_list_expired_sessions:
 * @self: a library
 * @now: the time to compare with
 *
 * The sessions whose IkSession:keep-until is @now or earlier, the oldest
 * date first. Nothing is changed: the user decides what happens to them.
 *
 * Returns: (transfer container) (element-type IkSession): the sessions,
 *   each with a reference
 */
GPtrArray *
ik_library_list_expired_sessions (IkLibrary *self,
                                  GDateTime *now)
{
  GPtrArray *expired = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) found = NULL;
  GListModel *sessions;
  gint64 now_usec;

  g_return_val_if_fail (IK_IS_LIBRARY (self), expired);
  g_return_val_if_fail (now != NULL, expired);

  sessions = G_LIST_MODEL (self->sessions);
  found = g_array_new (FALSE, FALSE, sizeof (Expired));
  now_usec = to_unix_usec (now);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      GDateTime *keep_until = ik_session_get_keep_until (session);
      Expired entry;

      if (keep_until == NULL || (entry.usec = to_unix_usec (keep_until)) > now_usec)
        continue;
      entry.order = found->len;
      entry.session = g_steal_pointer (&session);
      g_array_append_val (found, entry);
    }
  g_array_sort (found, compare_expired);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (expired, g_array_index (found, Expired, i).session);
  return expired;
}

/**
 * ik_library_get_error:
 * @self: a library
 *
 * Returns: (nullable): why the last save failed, for the user; %NULL once
 *   every change is saved again
 */
const char *
ik_library_get_error (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  return self->error;
}

gboolean
ik_library_get_has_error (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  return self->error != NULL;
}

/**
 * ik_library_get_saving:
 * @self: a library
 *
 * Returns: %TRUE while a write is in progress
 */
gboolean
ik_library_get_saving (IkLibrary *self)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  return self->n_writing > 0;
}

/* GObject **********************************************************************/

static void
ik_library_dispose (GObject *object)
{
  IkLibrary *self = IK_LIBRARY (object);
  GHashTableIter iter;
  Entry *entry;

  /* Last chance for unsaved edits. */
  if (self->loaded)
    ik_library_flush (self, NULL);

  for (guint kind = KIND_BANK; kind <= KIND_SESSION; kind++)
    if (self->monitors[kind] != NULL)
      {
        g_signal_handlers_disconnect_by_data (self->monitors[kind], self);
        g_file_monitor_cancel (self->monitors[kind]);
        g_clear_object (&self->monitors[kind]);
      }

  g_hash_table_remove_all (self->pending_external);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  g_clear_handle_id (&self->questions_id, g_source_remove);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      g_clear_signal_handler (&entry->changed_id, entry->object);
      if (entry->kind == KIND_SESSION)
        ik_session_set_body_loader (IK_SESSION (entry->object), NULL, NULL);
    }
  ik_library_usage_clear (self);
  g_hash_table_remove_all (self->entries_by_path);
  self->n_failed = 0;
  g_hash_table_remove_all (self->entries);

  if (self->banks != NULL)
    g_list_store_remove_all (self->banks);
  if (self->sessions != NULL)
    g_list_store_remove_all (self->sessions);

  G_OBJECT_CLASS (ik_library_parent_class)->dispose (object);
}

static void
ik_library_finalize (GObject *object)
{
  IkLibrary *self = IK_LIBRARY (object);

  g_free (self->dir);
  g_free (self->kind_dirs[0]);
  g_free (self->kind_dirs[1]);
  g_free (self->trash_dir);
  g_free (self->error);
  g_free (self->kind_locked[0]);
  g_free (self->kind_locked[1]);
  g_clear_object (&self->banks);
  g_clear_object (&self->sessions);
  g_clear_object (&self->problems);
  g_hash_table_unref (self->entries_by_path);
  g_hash_table_unref (self->entries);
  g_hash_table_unref (self->bundled);
  g_hash_table_unref (self->pending_external);
  g_mutex_clear (&self->io_lock);

  G_OBJECT_CLASS (ik_library_parent_class)->finalize (object);
}

static void
ik_library_set_dir (IkLibrary  *self,
                    const char *dir)
{
  char resolved[PATH_MAX];

  g_assert (self->dir == NULL);

  /* The root may be a link the user made (to another disk, say); links
   * below it are refused. */
  if (dir != NULL && realpath (dir, resolved) != NULL)
    self->dir = g_strdup (resolved);
  else
    self->dir = g_canonicalize_filename (dir != NULL ? dir : ".", NULL);

  for (guint kind = KIND_BANK; kind <= KIND_SESSION; kind++)
    self->kind_dirs[kind] = g_build_filename (self->dir, ik_library_kind_folders[kind], NULL);
  self->trash_dir = g_build_filename (self->dir, "trash", NULL);
}

static void
ik_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IkLibrary *self = IK_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_HAS_ERROR:
      g_value_set_boolean (value, self->error != NULL);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->n_writing > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_library_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  IkLibrary *self = IK_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_DIR:
      ik_library_set_dir (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_library_class_init (IkLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ik_library_dispose;
  object_class->finalize = ik_library_finalize;
  object_class->get_property = ik_library_get_property;
  object_class->set_property = ik_library_set_property;

  ik_library_properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  ik_library_properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  ik_library_properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  ik_library_properties[PROP_HAS_ERROR] =
    g_param_spec_boolean ("has-error", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  ik_library_properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, ik_library_properties);
}

static void
remove_source (gpointer source_id)
{
  g_source_remove (GPOINTER_TO_UINT (source_id));
}

static void
ik_library_init (IkLibrary *self)
{
  self->banks = g_list_store_new (IK_TYPE_BANK);
  self->sessions = g_list_store_new (IK_TYPE_SESSION);
  self->problems = g_list_store_new (IK_TYPE_PROBLEM);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) ik_library_entry_unref);
  self->entries_by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->bundled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending_external = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  remove_source);
  self->autosave_delay = IK_LIBRARY_AUTOSAVE_DELAY_MS;
  self->retry_delay = IK_LIBRARY_RETRY_DELAY_MS;
  self->retention_months = IK_LIBRARY_DEFAULT_RETENTION_MONTHS;
  g_mutex_init (&self->io_lock);
}
