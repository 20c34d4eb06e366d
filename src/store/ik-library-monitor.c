/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library-monitor.c: files changed by other programs, seen through a
 * GFileMonitor: a clean object is updated in place, one with edits is
 * saved (and so merged) at once, an unreadable file is waited for. */
#include "config.h"

#include "ik-library-private.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ik-enums.h"
#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-util.h"

/* External changes *************************************************************/

typedef struct
{
  EntryKind   kind;
  char       *path;
  char       *id;
  gboolean    exists;
  gboolean    conflict_copy;
  gboolean    has_stamp;
  IkFileStamp stamp;
  GBytes     *contents;
  LoadedItem *item;
  GPtrArray  *problems;
} ResyncData;

static void
resync_data_free (ResyncData *data)
{
  g_free (data->path);
  g_free (data->id);
  g_clear_pointer (&data->contents, g_bytes_unref);
  g_clear_pointer (&data->item, ik_library_loaded_item_free);
  g_ptr_array_unref (data->problems);
  g_free (data);
}

static void
resync_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ResyncData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;
  gsize len = 0;

  data->exists = lstat (data->path, &st) == 0;
  if (!data->exists || data->conflict_copy)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!ik_file_store_read_stamped (data->path, IK_JSON_MAX_FILE_SIZE, &contents, &len, &data->stamp, &error))
    {
      g_ptr_array_add (data->problems, ik_problem_new (IK_PROBLEM_READ, data->path, 0, 0, error->message));
      g_task_return_boolean (task, TRUE);
      return;
    }
  data->has_stamp = TRUE;
  data->item = ik_library_load_document (data->kind, data->path, data->path, contents, len, data->id, FALSE, data->problems);
  data->contents = g_bytes_new_take (g_steal_pointer (&contents), len);
  g_task_return_boolean (task, TRUE);
}

static void
add_problems (IkLibrary *self,
              GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      IkProblem *problem = g_ptr_array_index (problems, i);

      ik_library_add_problem (self, ik_problem_get_kind (problem), ik_problem_get_path (problem),
                   ik_problem_get_line (problem), ik_problem_get_column (problem),
                   ik_problem_get_message (problem));
    }
}

static void
resync_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  IkLibrary *self = IK_LIBRARY (source);
  ResyncData *data = g_task_get_task_data (G_TASK (result));
  Entry *entry;
  gboolean same = FALSE;

  self->n_resyncs++;

  if (data->conflict_copy)
    {
      if (data->exists)
        {
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);

          ik_library_report_conflict_copy (data->path, problems);
          add_problems (self, problems);
        }
      return;
    }

  /* A newer change is on its way (its event follows): this read is out
   * of date, and applying it could put an older version back. */
  if (data->has_stamp)
    {
      IkFileStamp now;

      if (!ik_file_store_stat (data->path, &now, NULL) || !ik_file_stamp_equal (&now, &data->stamp))
        return;
    }

  entry = ik_library_find_entry_by_path (self, data->path);

  if (!data->exists)
    {
      /* Deleted by another program. Unsaved edits are saved again. */
      if (entry != NULL && !ik_library_entry_is_dirty (entry) && !entry->writing)
        {
          guint position;

          if (g_list_store_find (ik_library_store_for_kind (self, entry->kind), entry->object, &position))
            g_list_store_remove (ik_library_store_for_kind (self, entry->kind), position);
          ik_library_untrack_object (self, entry);
        }
      ik_library_clear_file_problems (self, data->path);
      return;
    }

  if (entry == NULL)
    {
      guint position;

      add_problems (self, data->problems);
      if (data->item == NULL)
        return;
      /* A file of another program's: shown, unless an object of ours with
       * that id is shown already. */
      if (ik_library_find_by_id (G_LIST_MODEL (ik_library_store_for_kind (self, data->kind)), data->item->id, &position))
        {
          g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (ik_library_store_for_kind (self, data->kind)), position);

          if (g_hash_table_contains (self->entries, shown))
            return;
        }
      ik_library_clear_file_problems (self, data->path);
      data->item->contents = g_bytes_ref (data->contents);
      data->item->stamp = data->stamp;
      data->item->has_stamp = TRUE;
      ik_library_track_loaded_item (self, data->item);
      ik_library_show_object (self, data->kind, data->item->object, data->item->id);
      return;
    }

  g_mutex_lock (&self->io_lock);
  if (data->has_stamp &&
      ((entry->on_disk && ik_file_stamp_equal (&data->stamp, &entry->disk_stamp)) ||
       ik_library_entry_wrote_recently (entry, &data->stamp)))
    same = TRUE;
  else if (entry->base != NULL && data->contents != NULL && g_bytes_equal (entry->base, data->contents))
    {
      /* The same bytes again (a touch, a sync client's identical copy). */
      same = TRUE;
      entry->on_disk = TRUE;
      entry->disk_stamp = data->stamp;
    }
  g_mutex_unlock (&self->io_lock);
  if (same)
    return;

  g_debug ("%s changed elsewhere (%s, %s)", data->path,
           entry->writing ? "a save is in flight" : ik_library_entry_is_dirty (entry) ? "with edits of ours" : "no edits of ours",
           data->item != NULL ? "readable" : "unreadable now");

  if (entry->writing)
    {
      /* The save in flight compares with the disk itself; look again
       * once it is done. */
      entry->recheck = TRUE;
      return;
    }

  if (data->item == NULL)
    {
      /* Unreadable now (a partial copy?): keep the object and its edits,
       * write nothing, and wait for the file to change again. */
      add_problems (self, data->problems);
      entry->waiting = TRUE;
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      return;
    }

  if (ik_library_entry_is_dirty (entry))
    {
      /* The save merges theirs with ours, or keeps theirs aside. */
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      ik_library_start_save (entry);
      return;
    }

  /* No edits of ours: take theirs, in the same object. */
  ik_library_entry_update_from (entry, data->item->object);
  /* A session whose body could not be read has it now. */
  if (entry->body_lost && entry->kind == KIND_SESSION &&
      !ik_session_get_body_lost (IK_SESSION (entry->object)))
    {
      entry->body_lost = FALSE;
      g_clear_pointer (&entry->locked_reason, g_free);
    }

  g_mutex_lock (&self->io_lock);
  entry->on_disk = TRUE;
  entry->disk_stamp = data->stamp;
  g_clear_pointer (&entry->base, g_bytes_unref);
  entry->base = g_bytes_ref (data->contents);
  g_mutex_unlock (&self->io_lock);
  /* A file without keep_until keeps the default date shown. */
  if (entry->kind == KIND_SESSION)
    ik_library_fill_keep_until (entry, &data->stamp);

  entry->read_only = data->item->read_only;
  entry->waiting = FALSE;
  ik_library_clear_file_problems (self, data->path);
  add_problems (self, data->problems);
  if (entry->failed)
    {
      ik_library_entry_set_failed (entry, FALSE);
      ik_library_update_error (self);
    }
}

typedef struct
{
  IkLibrary *library;
  EntryKind  kind;
  char      *path;
} PendingExternal;

static void
pending_external_free (PendingExternal *pending)
{
  g_free (pending->path);
  g_free (pending);
}

static gboolean
external_settled_cb (gpointer user_data)
{
  PendingExternal *pending = user_data;
  IkLibrary *self = pending->library;
  g_autofree char *name = g_path_get_basename (pending->path);
  g_autoptr(GTask) task = NULL;
  ResyncData *data = g_new0 (ResyncData, 1);

  data->kind = pending->kind;
  data->path = g_strdup (pending->path);
  data->conflict_copy = ik_library_name_is_conflict_copy (name);
  data->id = data->conflict_copy ? NULL : ik_library_id_from_file_name (name);
  data->problems = g_ptr_array_new_with_free_func (g_object_unref);

  /* Steal: removing would destroy this very source a second time. The
   * table's copy of the key is ours to free then. */
  {
    gpointer key = NULL;

    if (g_hash_table_steal_extended (self->pending_external, pending->path, &key, NULL))
      g_free (key);
  }

  task = g_task_new (self, NULL, resync_done_cb, NULL);
  g_task_set_source_tag (task, external_settled_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) resync_data_free);
  g_task_run_in_thread (task, resync_thread);

  return G_SOURCE_REMOVE;
}

void
ik_library_queue_resync (IkLibrary  *self,
              EntryKind   kind,
              const char *path,
              guint       delay)
{
  PendingExternal *pending = g_new0 (PendingExternal, 1);
  guint source_id;

  pending->library = self;
  pending->kind = kind;
  pending->path = g_strdup (path);

  source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay,
                                  external_settled_cb, pending,
                                  (GDestroyNotify) pending_external_free);
  /* Replacing the value removes the previous timeout of this path. */
  g_hash_table_insert (self->pending_external, g_strdup (path),
                       GUINT_TO_POINTER (source_id));
}

static void
queue_external (IkLibrary *self,
                EntryKind  kind,
                GFile     *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  name = g_file_get_basename (file);
  /* Temporary files (ours and sync clients', which start with a dot)
   * become a real file by a rename, which is reported for that file. */
  if (path == NULL || name == NULL || name[0] == '.' || ik_file_store_is_temp_name (name))
    return;

  id = ik_library_id_from_file_name (name);
  if (id == NULL && !ik_library_name_is_conflict_copy (name))
    return;

  ik_library_queue_resync (self, kind, path, EXTERNAL_SETTLE_MS);
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    IkLibrary         *self)
{
  EntryKind kind = monitor == self->monitors[KIND_BANK] ? KIND_BANK : KIND_SESSION;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      /* Wait for CHANGES_DONE_HINT, which follows every CHANGED. */
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED:
      queue_external (self, kind, file);
      queue_external (self, kind, other_file);
      break;

    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      queue_external (self, kind, file);
      break;
    }
}

void
ik_library_start_monitors (IkLibrary *self)
{
  for (guint kind = KIND_BANK; kind <= KIND_SESSION; kind++)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (self->kind_dirs[kind]);

      /* Without a monitor the library still works; it only misses edits
       * by other programs until the next start. */
      self->monitors[kind] = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (self->monitors[kind] != NULL)
        g_signal_connect (self->monitors[kind], "changed", G_CALLBACK (on_monitor_changed), self);
    }
}
