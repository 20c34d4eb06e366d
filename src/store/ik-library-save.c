/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library-save.c: saving. A save never writes over a file that changed
 * since this process last read or wrote it: it merges ours with theirs, or
 * keeps theirs aside (README.md, "The guarantees"). Also the autosave
 * timers, flush and retry. */
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
#include "ik-document.h"
#include "ik-merge.h"

/* Saving ***********************************************************************/

/* Removes what was said about @path's contents (it could not be read or
 * used): it has been read or written successfully since. */
void
ik_library_clear_file_problems (IkLibrary  *self,
                     const char *path)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->problems), i - 1);
      IkProblemKind kind = ik_problem_get_kind (problem);

      if ((kind == IK_PROBLEM_PARSE || kind == IK_PROBLEM_VALIDATE || kind == IK_PROBLEM_READ) &&
          g_strcmp0 (ik_problem_get_path (problem), path) == 0)
        g_list_store_remove (self->problems, i - 1);
    }
}

/* Makes the entry's object hold what @source holds (a fresh object read
 * from its file, or merged with it) without replacing the object, so that
 * every view keeps editing the object the library tracks. Not an edit of
 * the user's. */
void
ik_library_entry_update_from (Entry   *entry,
                              GObject *source)
{
  g_signal_handler_block (entry->object, entry->changed_id);
  if (entry->kind == KIND_BANK)
    ik_bank_update_from (IK_BANK (entry->object), IK_BANK (source));
  else
    ik_session_update_from (IK_SESSION (entry->object), IK_SESSION (source));
  g_signal_handler_unblock (entry->object, entry->changed_id);
  ik_library_usage_stale (entry);
}

/* The same from a document. */
static gboolean
entry_apply_document (Entry     *entry,
                      JsonNode  *root,
                      GError   **error)
{
  g_autoptr(GObject) source = ik_library_object_new_from_json (entry->kind, root, error);

  if (source == NULL)
    return FALSE;
  ik_library_entry_update_from (entry, source);
  return TRUE;
}

/* Any thread: keeps @bytes next to the entry's file as a new conflict copy
 * and returns its path, or NULL with @error. */
static char *
keep_aside (Entry   *entry,
            GBytes  *bytes,
            GError **error)
{
  g_autofree char *copy = ik_file_store_conflict_path (entry->path);
  IkReplace aside = { .expected_exists = FALSE, .max_size = IK_JSON_MAX_FILE_SIZE };
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gboolean kept = ik_file_store_replace (copy, data, len, &aside, error);

  ik_replace_clear (&aside);
  return kept ? g_steal_pointer (&copy) : NULL;
}

static JsonNode *
parse_bytes (GBytes *bytes)
{
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  return ik_json_parse (data, len, NULL, NULL, NULL);
}

typedef struct
{
  Entry       *entry;
  guint64      generation;
  GBytes      *data;        /* what to write: ours, or ours merged with theirs */
  GBytes      *original;    /* ours, as serialised when the job was made */
  GBytes      *derived;     /* the entry's base then: what ours came from */
  /* What the save expects on the disk (copied: the job runs in a thread). */
  gboolean     expected_exists;
  IkFileStamp  expected;
  GBytes      *base;
  /* Outcome. */
  gboolean     ok;
  GError      *error;
  GBytes      *written;     /* what is on the disk now: data, or a merge */
  IkFileStamp  stamp;
  gboolean     merged;
  gboolean     waiting;     /* the file on the disk cannot be read now */
  GPtrArray   *copies;      /* conflict copies made (paths) */
  char        *conflict_member;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  ik_library_entry_unref (job->entry);
  g_bytes_unref (job->data);
  g_bytes_unref (job->original);
  g_clear_pointer (&job->derived, g_bytes_unref);
  g_clear_pointer (&job->base, g_bytes_unref);
  g_clear_pointer (&job->written, g_bytes_unref);
  g_clear_pointer (&job->copies, g_ptr_array_unref);
  g_free (job->conflict_member);
  g_clear_error (&job->error);
  g_free (job);
}

GBytes *
ik_library_serialise (Entry   *entry,
           GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  char *data;
  gsize len = 0;

  /* Nor a bank whose questions, left unread at load, could not be read
   * after all: it would write none over the file's. */
  if (entry->kind == KIND_BANK && !ik_bank_load_questions (IK_BANK (entry->object)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Its questions could not be read again from its file, so it is not written"));
      return NULL;
    }

  if (entry->kind == KIND_BANK)
    root = ik_bank_to_json (IK_BANK (entry->object));
  else
    root = ik_session_to_json (IK_SESSION (entry->object));

  /* A session whose body could not be read back would write empty
   * records over the ones in its file. */
  if (entry->kind == KIND_SESSION && ik_session_get_body_lost (IK_SESSION (entry->object)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Its questions and notes could not be read again from its file, so it is not written"));
      return NULL;
    }

  data = ik_json_to_data (root, &len, error);
  if (data == NULL)
    return NULL;
  return g_bytes_new_take (data, len);
}

static SaveJob *
save_job_new (Entry   *entry,
              GError **error)
{
  g_autoptr(GBytes) data = ik_library_serialise (entry, error);
  SaveJob *job;

  if (data == NULL)
    return NULL;

  job = g_new0 (SaveJob, 1);
  job->entry = ik_library_entry_ref (entry);
  job->generation = entry->generation;
  job->original = g_bytes_ref (data);
  job->data = g_steal_pointer (&data);
  g_mutex_lock (&entry->library->io_lock);
  job->derived = entry->base != NULL ? g_bytes_ref (entry->base) : NULL;
  g_mutex_unlock (&entry->library->io_lock);
  job->copies = g_ptr_array_new_with_free_func (g_free);
  return job;
}

/* Any thread: the next load must accept what is written. */
static gboolean
check_document (EntryKind   kind,
                GBytes     *bytes,
                GError    **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (kind == KIND_BANK)
    return ik_document_check_bank (data, len, error);
  return ik_document_check_session (data, len, error);
}

/* Any thread, under io_lock. @theirs, written after @base (what ours came
 * from), is on the disk: merges ours into it (into job->data) or keeps it
 * aside as a conflict copy. FALSE: it cannot be read (job->waiting) or
 * kept aside. */
static gboolean
save_job_take_theirs (SaveJob     *job,
                      GBytes      *base,
                      GBytes      *theirs,
                      GError     **error)
{
  Entry *entry = job->entry;
  g_autoptr(JsonNode) their_root = parse_bytes (theirs);
  g_autoptr(JsonNode) our_root = NULL;
  g_autoptr(JsonNode) base_root = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GObject) check = NULL;
  g_autofree char *conflict_member = NULL;

  if (their_root == NULL || (check = ik_library_object_new_from_json (entry->kind, their_root, NULL)) == NULL)
    {
      /* A partial copy from a sync client, most likely: wait for the
       * complete one rather than guess. */
      job->waiting = TRUE;
      g_set_error_literal (error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED,
                           _("Another program is changing the file and it cannot be read now; your changes are kept and will be saved when the file is complete"));
      return FALSE;
    }
  g_clear_object (&check);

  our_root = parse_bytes (job->data);
  base_root = parse_bytes (base);
  /* Everything that only one side changed is merged; where both changed
   * the same member differently, ours goes into the file and theirs is
   * kept byte for byte next to it. */
  if (our_root != NULL)
    merged = ik_json_merge3 (base_root, our_root, their_root, TRUE, &conflict_member);
  if (merged != NULL)
    {
      g_autofree char *text = NULL;
      gsize len = 0;

      text = ik_json_to_data (merged, &len, NULL);
      if (text != NULL)
        {
          g_autoptr(GBytes) merged_bytes = g_bytes_new_take (g_steal_pointer (&text), len);

          if (check_document (entry->kind, merged_bytes, NULL))
            {
              g_bytes_unref (job->data);
              job->data = g_steal_pointer (&merged_bytes);
              job->merged = TRUE;
              if (conflict_member == NULL)
                return TRUE;
            }
          else if (conflict_member == NULL)
            conflict_member = g_strdup ("");
        }
    }

  {
    g_autofree char *copy = keep_aside (entry, theirs, error);

    if (copy == NULL)
      return FALSE;
    g_ptr_array_add (job->copies, g_steal_pointer (&copy));
    g_free (job->conflict_member);
    job->conflict_member = g_steal_pointer (&conflict_member);
  }
  return TRUE;
}

/* Any thread. */
static void
save_job_run (IkLibrary *self,
              SaveJob   *job)
{
  Entry *entry = job->entry;
  IkReplace replace = { 0 };

  g_mutex_lock (&self->io_lock);
  if (entry->gone || job->generation <= entry->written_generation)
    {
      job->ok = TRUE;
      g_mutex_unlock (&self->io_lock);
      return;
    }

  if (!check_document (entry->kind, job->data, &job->error))
    {
      g_mutex_unlock (&self->io_lock);
      return;
    }

  /* What the disk should hold, as this process last saw it. */
  job->expected_exists = entry->on_disk;
  job->expected = entry->disk_stamp;
  job->base = entry->base != NULL ? g_bytes_ref (entry->base) : NULL;

  /* Another job (a flush racing with an autosave) wrote a merge with
   * another program's changes after ours was taken from the object, which
   * does not have them yet: ours must be merged into that file, not
   * written over it. */
  if (job->base != NULL && job->base != job->derived &&
      (job->derived == NULL || !g_bytes_equal (job->base, job->derived)) &&
      !save_job_take_theirs (job, job->derived, job->base, &job->error))
    {
      g_mutex_unlock (&self->io_lock);
      return;
    }

  /* Another writer may come between any two attempts; each attempt merges
   * what it found, so a few are enough unless it writes without pause. */
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      gsize len;
      const char *data = g_bytes_get_data (job->data, &len);
      g_autoptr(GBytes) theirs = NULL;

      g_clear_error (&job->error);
      replace.expected_exists = job->expected_exists;
      replace.expected = job->expected;
      replace.expected_contents = job->base;
      replace.max_size = IK_JSON_MAX_FILE_SIZE;
      if (ik_file_store_replace (entry->path, data, len, &replace, &job->error))
        {
          job->ok = TRUE;
          job->stamp = replace.stamp;
          job->written = g_bytes_ref (job->data);
          if (replace.displaced != NULL)
            g_ptr_array_add (job->copies, g_steal_pointer (&replace.displaced));
          break;
        }
      if (!g_error_matches (job->error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED) ||
          replace.current == NULL)
        {
          if (g_error_matches (job->error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED))
            job->waiting = TRUE;
          break;
        }

      theirs = g_steal_pointer (&replace.current);
      g_clear_error (&job->error);
      if (!save_job_take_theirs (job, job->base, theirs, &job->error))
        break;
      /* Theirs is now what we have seen of the file. */
      job->expected_exists = TRUE;
      job->expected = replace.current_stamp;
      g_clear_pointer (&job->base, g_bytes_unref);
      job->base = g_bytes_ref (theirs);
    }
  ik_replace_clear (&replace);
  if (!job->ok && job->error == NULL)
    g_set_error_literal (&job->error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED,
                         _("Another program keeps changing the file"));

  if (job->ok)
    {
      entry->written_generation = job->generation;
      entry->on_disk = TRUE;
      entry->disk_stamp = job->stamp;
      g_clear_pointer (&entry->base, g_bytes_unref);
      entry->base = g_bytes_ref (job->written);
      entry->recent_stamps[entry->recent_next] = job->stamp;
      entry->recent_next = (entry->recent_next + 1) % G_N_ELEMENTS (entry->recent_stamps);
    }
  g_mutex_unlock (&self->io_lock);
}

static void
report_copies (IkLibrary *self,
               SaveJob   *job)
{
  g_autofree char *display = ik_library_entry_dup_display_name (job->entry);

  for (guint i = 0; i < job->copies->len; i++)
    {
      const char *copy = g_ptr_array_index (job->copies, i);
      g_autofree char *name = g_path_get_basename (copy);
      g_autofree char *message =
        g_strdup_printf (_("“%s” was changed by another program while you were editing it, in the same places. Your version was saved; the other version was kept as “%s”."),
                         display, name);

      ik_library_add_problem (self, IK_PROBLEM_CONFLICT, copy, 0, 0, message);
    }
}

/* Main thread: the merged document was written; the object gets the other
 * program's changes too. Edits made since the job was made are merged on
 * top of it. */
static void
apply_merge (IkLibrary *self,
             SaveJob   *job)
{
  Entry *entry = job->entry;
  g_autoptr(JsonNode) written = parse_bytes (job->written);
  g_autoptr(GError) error = NULL;

  if (written == NULL)
    return;

  if (entry->generation == job->generation)
    {
      if (!entry_apply_document (entry, written, &error))
        g_warning ("A merged document could not be read back: %s", error->message);
      return;
    }

  {
    g_autoptr(GBytes) current = ik_library_serialise (entry, NULL);
    g_autoptr(JsonNode) current_root = parse_bytes (current);
    g_autoptr(JsonNode) original_root = parse_bytes (job->original);
    g_autoptr(JsonNode) merged = NULL;
    g_autofree char *conflict = NULL;

    if (current_root == NULL)
      return;
    /* What we had when the job was made is the base of our newer edits.
     * They win where they touch what the other program changed: the file
     * gets them at the next save. Everything else must come from the file,
     * which is our base from now on, or the next save would take the
     * stale members for our edits and put them back. */
    merged = ik_json_merge3 (original_root, current_root, written, TRUE, &conflict);
    if (merged == NULL || !entry_apply_document (entry, merged, NULL))
      g_warning ("Edits made during a save could not be merged with the file");
    /* The object now holds more than any save so far: it must be saved
     * again even if a later job was counted as saving its generation. */
    entry->generation++;
    if (entry->first_dirty_time == 0)
      entry->first_dirty_time = g_get_monotonic_time ();
    ik_library_schedule_save (entry, self->autosave_delay);
    if (conflict == NULL)
      return;

    /* The merged version as written is kept aside. */
    {
      char *copy = keep_aside (entry, job->written, NULL);

      if (copy != NULL)
        g_ptr_array_add (job->copies, copy);
    }
  }
}

/* Main thread: records the outcome of a job. */
static void
save_job_finish (IkLibrary *self,
                 SaveJob   *job)
{
  Entry *entry = job->entry;

  g_debug ("Save of %s (generation %" G_GUINT64_FORMAT "): %s%s%s, %u conflict copies",
           entry->path, job->generation,
           job->ok ? "written" : job->waiting ? "waiting for a valid file: " : "failed: ",
           job->ok ? (job->merged ? ", merged with another program's change" : "") : job->error->message,
           job->ok && job->conflict_member != NULL ? " (both changed the same member)" : "",
           job->copies->len);

  if (job->ok)
    {
      if (job->merged)
        apply_merge (self, job);
      ik_library_clear_file_problems (self, entry->path);
      if (job->generation >= entry->generation)
        entry->first_dirty_time = 0;
      else
        entry->first_dirty_time = entry->first_change_while_writing != 0 ? entry->first_change_while_writing
                                                                         : g_get_monotonic_time ();
      entry->saved_generation = MAX (entry->saved_generation, job->generation);
      ik_library_entry_set_failed (entry, FALSE);
      if (entry->waiting)
        {
          entry->waiting = FALSE;
          ik_library_clear_file_problems (self, entry->path);
        }
      report_copies (self, job);
    }
  else
    {
      report_copies (self, job);
      if (job->waiting)
        {
          entry->waiting = TRUE;
          ik_library_add_problem (self, IK_PROBLEM_PARSE, entry->path, 0, 0, job->error->message);
        }
      ik_library_entry_failed (entry, job->error);
    }
  entry->first_change_while_writing = 0;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  save_job_run (source_object, task_data);
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  IkLibrary *self = IK_LIBRARY (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  Entry *entry = job->entry;

  entry->writing = FALSE;
  ik_library_add_writing (self, -1);
  if (entry->gone)
    return;
  save_job_finish (self, job);

  if (job->ok)
    ik_library_update_error (self);

  /* Another program's change seen while this write was in flight. */
  if (entry->recheck)
    {
      entry->recheck = FALSE;
      ik_library_queue_resync (self, entry->kind, entry->path, 0);
    }

  /* A change made while this write was in flight found the entry busy:
   * save it now that the file is free. */
  if (!entry->gone && !entry->failed && ik_library_entry_is_dirty (entry) && entry->timeout_id == 0)
    ik_library_schedule_save (entry, self->autosave_delay);
}

/* Why @entry is not written, or NULL. */
static const char *
entry_locked_reason (Entry *entry)
{
  IkLibrary *self = entry->library;

  if (entry->locked_reason != NULL)
    return entry->locked_reason;
  return self->kind_locked[entry->kind];
}

void
ik_library_start_save (Entry *entry)
{
  IkLibrary *self = entry->library;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveJob *job;

  if (entry->writing || entry->read_only || entry->gone || !ik_library_entry_is_dirty (entry))
    return;

  if (entry_locked_reason (entry) != NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, entry_locked_reason (entry));
      ik_library_entry_failed (entry, error);
      return;
    }

  job = save_job_new (entry, &error);
  if (job == NULL)
    {
      ik_library_entry_failed (entry, error);
      return;
    }

  entry->writing = TRUE;
  ik_library_add_writing (self, 1);
  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, ik_library_start_save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->timeout_id = 0;
  ik_library_start_save (entry);
  return G_SOURCE_REMOVE;
}

/* Saves @entry after @delay, but never later than
 * IK_LIBRARY_AUTOSAVE_MAX_DELAY_MS after its first unsaved change: steady
 * typing must not hold the save back. */
void
ik_library_schedule_save (Entry *entry,
               guint  delay)
{
  if (entry->read_only || entry->gone)
    return;

  if (entry->first_dirty_time != 0)
    {
      gint64 due = entry->first_dirty_time + (gint64) IK_LIBRARY_AUTOSAVE_MAX_DELAY_MS * 1000;
      gint64 left = (due - g_get_monotonic_time ()) / 1000;

      delay = (guint) CLAMP (left, 0, (gint64) delay);
    }

  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  entry->timeout_id = entry->library->add_timeout != NULL
                      ? entry->library->add_timeout (delay, save_timeout_cb, entry)
                      : g_timeout_add (delay, save_timeout_cb, entry);
}

static GPtrArray *
collect_dirty_jobs (IkLibrary  *self,
                    GError    **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) save_job_free);
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_autoptr(GError) local_error = NULL;
      SaveJob *job;

      if (entry->read_only || entry->gone || !ik_library_entry_is_dirty (entry))
        continue;

      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      if (entry_locked_reason (entry) != NULL)
        {
          g_autofree char *name = ik_library_entry_dup_display_name (entry);

          g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, entry_locked_reason (entry));
          ik_library_entry_failed (entry, local_error);
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, _("Could not save “%s”: %s"),
                         name, local_error->message);
          continue;
        }
      job = save_job_new (entry, &local_error);
      if (job == NULL)
        {
          ik_library_entry_failed (entry, local_error);
          if (error != NULL && *error == NULL)
            *error = g_steal_pointer (&local_error);
          continue;
        }
      g_ptr_array_add (jobs, job);
    }
  return g_steal_pointer (&jobs);
}

static gboolean
finish_jobs (IkLibrary  *self,
             GPtrArray  *jobs,
             GError    **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < jobs->len; i++)
    {
      SaveJob *job = g_ptr_array_index (jobs, i);

      save_job_finish (self, job);
      if (!job->ok)
        {
          if (ok)
            {
              g_autofree char *name = ik_library_entry_dup_display_name (job->entry);

              g_set_error (error, job->error->domain, job->error->code,
                           _("Could not save “%s”: %s"), name, job->error->message);
            }
          ok = FALSE;
        }
    }
  ik_library_update_error (self);
  return ok;
}

/**
 * ik_library_flush:
 * @self: a library
 * @error: return location for the first failure
 *
 * Saves every object with unsaved changes now, blocking until they are on
 * the disk, and waits for an index of the library being written (so that
 * quitting does not cut it short). Call it when a window closes and before
 * quitting.
 *
 * Returns: %TRUE when nothing is left unsaved
 */
gboolean
ik_library_flush (IkLibrary  *self,
                  GError    **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);

  jobs = collect_dirty_jobs (self, &local_error);
  for (guint i = 0; i < jobs->len; i++)
    save_job_run (self, g_ptr_array_index (jobs, i));
  ik_library_index_wait ();

  if (!finish_jobs (self, jobs, local_error != NULL ? NULL : &local_error) || local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
