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
 * changed just before the load (stamp_time_is_racy) are hashed instead,
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

#include "ik-library.h"

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

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ik-enums.h"
#include "ik-enum-types.h"
#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-document.h"
#include "ik-merge.h"
#include "ik-util.h"

/* Events of the file monitor for one file are merged over this time. */
#define EXTERNAL_SETTLE_MS 150

/* A file changed this recently when it is loaded may change again within
 * the same tick of the file system's clock, leaving its stamp as it was
 * (the "racy timestamp" problem): such files are hashed at load. A time
 * with a fraction of a second comes from a fine clock (the kernel's coarse
 * clock ticks every 1 to 10 ms, exFAT every 10 ms); whole seconds may mean
 * a file system that only keeps seconds (ext4 with small inodes) or two
 * (FAT). */
#define STAMP_RACY_FINE_NS (G_GINT64_CONSTANT (250) * 1000000)
#define STAMP_RACY_COARSE_NS (G_GINT64_CONSTANT (2) * 1000000000)

static gboolean
stamp_time_is_racy (gint64 time_ns,
                    gint64 now_ns)
{
  gint64 window = time_ns % 1000000000 != 0 ? STAMP_RACY_FINE_NS : STAMP_RACY_COARSE_NS;

  return time_ns > now_ns - window;
}

GResource *ik_bundled_get_resource (void);

typedef enum
{
  KIND_BANK,
  KIND_SESSION,
} EntryKind;

typedef struct
{
  /* Main thread only. */
  IkLibrary *library;
  EntryKind  kind;
  GObject   *object;
  char      *id;
  char      *path;
  gulong     changed_id;
  guint64    generation;
  guint64    saved_generation;
  guint      timeout_id;
  gboolean   writing;
  gboolean   failed;
  gboolean   read_only;

  /* Why this object is not written (newer format, read-only file or
   * folder); NULL when it is. */
  char      *locked_reason;
  /* The file holds something we cannot read now (a sync client's partial
   * copy): edits stay in memory until a valid file arrives. */
  gboolean   waiting;
  /* An external change arrived while a save was in flight. */
  gboolean   recheck;
  /* Monotonic times of the first change not yet saved, and of the first
   * change made while a write was in flight. */
  gint64     first_dirty_time;
  gint64     first_change_while_writing;

  /* Under library->io_lock. */
  gboolean   gone;
  guint64    written_generation;
  /* What we last read from or wrote to the file: its stamp (on_disk FALSE:
   * there was no file) and, when known, its bytes (the base of a merge;
   * kept once the object was edited or saved in this run). */
  gboolean   on_disk;
  IkFileStamp disk_stamp;
  GBytes    *base;
  /* The stamps of our last few writes, to recognise a late re-read of an
   * older one of ours. */
  IkFileStamp recent_stamps[4];
  guint      recent_next;
} Entry;

struct _IkLibrary
{
  GObject       parent_instance;

  char         *dir;
  char         *kind_dirs[2];
  char         *trash_dir;

  GListStore   *banks;
  GListStore   *sessions;
  GListStore   *problems;

  /* GObject * -> Entry * (a reference) */
  GHashTable   *entries;
  /* id -> IkBank *: every bundled bank, shown or hidden by a user copy */
  GHashTable   *bundled;

  GMutex        io_lock;

  /* Under io_lock: how many times we wrote a tracked file. A re-read that
   * started before one of our writes is stale and must not be compared
   * with what we wrote since. */

  guint64       disk_writes;

  guint         autosave_delay;
  guint         retry_delay;
  guint         retry_id;
  guint         n_writing;
  char         *error;

  gboolean      loading;
  gboolean      loaded;

  GFileMonitor *monitors[2];
  /* path -> source id of the settle timeout */
  GHashTable   *pending_external;

  /* Why banks/ or sessions/ cannot be written (a symbolic link, a
   * read-only folder or file system); NULL when they can. */
  char         *kind_locked[2];
};

G_DEFINE_FINAL_TYPE (IkLibrary, ik_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIR,
  PROP_LOADED,
  PROP_ERROR,
  PROP_HAS_ERROR,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "bank", "session" };
static const char * const kind_folders[] = { "banks", "sessions" };

static void schedule_save (Entry *entry,
                           guint  delay);
static void start_save    (Entry *entry);

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
  entry->path = g_strdup_printf ("%s%c%s.json", library->kind_dirs[kind], G_DIR_SEPARATOR, id);
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
}

/* Under io_lock. */
static gboolean
entry_wrote_recently (Entry             *entry,
                      const IkFileStamp *stamp)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry->recent_stamps); i++)
    if (ik_file_stamp_equal (&entry->recent_stamps[i], stamp))
      return TRUE;
  return FALSE;
}

static Entry *
entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

static void
entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_unref)

static gboolean
entry_is_dirty (Entry *entry)
{
  return entry->generation > entry->saved_generation;
}

static char *
object_dup_string (GObject    *object,
                   const char *property)
{
  char *value = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property) != NULL)
    g_object_get (object, property, &value, NULL);
  return value;
}

static char *
entry_dup_display_name (Entry *entry)
{
  char *name = object_dup_string (entry->object,
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

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  if (had_error != (error != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
}

static gboolean
retry_cb (gpointer user_data)
{
  IkLibrary *self = user_data;

  self->retry_id = 0;
  ik_library_retry_save (self);
  return G_SOURCE_REMOVE;
}

static void
entry_failed (Entry        *entry,
              const GError *error)
{
  IkLibrary *self = entry->library;
  g_autofree char *name = entry_dup_display_name (entry);
  g_autofree char *message = NULL;

  entry->failed = TRUE;
  /* Translators: the first %s is a bank title or candidate name, the
   * second the system's reason, e.g. "No space left on device". */
  message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  set_error (self, message);

  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (self->retry_delay, retry_cb, self);
}

static void
update_error (IkLibrary *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->failed)
      return;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  set_error (self, NULL);
}

static void
add_writing (IkLibrary *self,
             int        delta)
{
  gboolean was_saving = self->n_writing > 0;

  self->n_writing += delta;
  if (was_saving != (self->n_writing > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
add_problem (IkLibrary     *self,
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

/* Reading files (any thread) **************************************************/

typedef struct
{
  EntryKind  kind;
  GObject   *object;
  char      *id;
  char      *path;
  /* When read after a file monitor event, or changed just before. */
  GBytes    *contents;
  gboolean   has_stamp;
  IkFileStamp stamp;
  gboolean   read_only;
  gboolean   file_read_only;   /* its owner took away the write permission */
} LoadedItem;

static void
loaded_item_free (LoadedItem *item)
{
  g_clear_object (&item->object);
  g_free (item->id);
  g_free (item->path);
  g_clear_pointer (&item->contents, g_bytes_unref);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadedItem, loaded_item_free)

static gint64
peek_format_version (JsonNode *root)
{
  JsonObject *o = json_node_get_object (root);
  JsonNode *node = o != NULL ? json_object_get_member (o, "version") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static gboolean
name_is_conflict_copy (const char *name)
{
  return strstr (name, ".sync-conflict-") != NULL ||
         strstr (name, "(conflicted copy") != NULL ||
         strstr (name, "(Conflicted copy") != NULL ||
         strstr (name, ".conflict-") != NULL;
}

/* Returns the id when @name is `<valid id>.json`. */
static char *
id_from_file_name (const char *name)
{
  g_autofree char *stem = NULL;

  if (!g_str_has_suffix (name, ".json"))
    return NULL;
  stem = g_strndup (name, strlen (name) - strlen (".json"));
  if (!ik_id_is_valid (stem))
    return NULL;
  return g_steal_pointer (&stem);
}

static GObject *
object_new_from_json (EntryKind   kind,
                      JsonNode   *root,
                      GError    **error)
{
  if (kind == KIND_BANK)
    return (GObject *) ik_bank_new_from_json (root, error);
  return (GObject *) ik_session_new_from_json (root, error);
}

/* Reads, parses and validates one file. Every failure is appended to
 * @problems as an IkProblem; the file itself is never touched. With
 * @keep_contents the item also holds the bytes (the base of a later
 * merge); the load does without. */
static LoadedItem *
load_document (EntryKind    kind,
               const char  *path,
               const char  *display_path,
               const char  *data,
               gsize        len,
               const char  *expected_id,
               gboolean     keep_contents,
               GPtrArray   *problems)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean newer;
  gboolean read_only = FALSE;
  guint line = 0;
  guint column = 0;
  LoadedItem *item;

  root = ik_json_parse (data, len, &line, &column, &error);
  if (root == NULL)
    {
      g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_PARSE, display_path,
                                                 line, column, error->message));
      return NULL;
    }

  newer = peek_format_version (root) > (kind == KIND_BANK ? IK_BANK_FORMAT_VERSION
                                                          : IK_SESSION_FORMAT_VERSION);
  object = object_new_from_json (kind, root, &error);
  if (object == NULL)
    {
      if (newer || g_error_matches (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION))
        g_ptr_array_add (problems,
                         ik_problem_new (IK_PROBLEM_NEWER_VERSION, display_path, 0, 0,
                                         _("This file was written by a newer version of Interview Kit and cannot be opened by this one. It is left unchanged.")));
      else
        g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_VALIDATE, display_path,
                                                   0, 0, error->message));
      return NULL;
    }

  id = object_dup_string (object, "id");
  if (expected_id != NULL && g_strcmp0 (id, expected_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file name does not match the id inside the file (“%s”); the file is not loaded"),
                         id != NULL ? id : "");

      g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_VALIDATE, display_path,
                                                 0, 0, message));
      return NULL;
    }

  /* A bank knows when it comes from a newer version; for sessions,
   * "read-only" means a submitted scorecard, which is still saved. */
  if (kind == KIND_BANK)
    read_only = ik_bank_get_read_only (IK_BANK (object));

  if (newer || read_only)
    {
      read_only = TRUE;
      g_ptr_array_add (problems,
                       ik_problem_new (IK_PROBLEM_NEWER_VERSION, display_path, 0, 0,
                                       _("This file was written by a newer version of Interview Kit. It is shown read-only and will not be changed.")));
    }

  item = g_new0 (LoadedItem, 1);
  item->kind = kind;
  item->object = g_steal_pointer (&object);
  item->id = g_steal_pointer (&id);
  item->path = g_strdup (path);
  if (keep_contents)
    item->contents = g_bytes_new (data, len);
  item->read_only = read_only;
  return item;
}

static LoadedItem *
load_file (EntryKind   kind,
           const char *path,
           const char *expected_id,
           gboolean    keep_contents,
           GPtrArray  *problems)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  IkFileStamp stamp;
  LoadedItem *item;
  gsize len = 0;

  if (!ik_file_store_read_stamped (path, IK_JSON_MAX_FILE_SIZE, &data, &len, &stamp, &error))
    {
      g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_READ, path, 0, 0, error->message));
      return NULL;
    }

  item = load_document (kind, path, path, data, len, expected_id, keep_contents, problems);
  if (item != NULL)
    {
      gint64 now_ns = g_get_real_time () * 1000;
      struct stat st;

      item->stamp = stamp;
      item->has_stamp = TRUE;
      item->file_read_only = lstat (path, &st) == 0 && (st.st_mode & S_IWUSR) == 0;
      /* A stamp only vouches for the contents once the file's times are
       * older than any write that could come now (and not in the future):
       * else the bytes are kept and compared instead. */
      if (stamp_time_is_racy (stamp.mtime_ns, now_ns) || stamp_time_is_racy (stamp.ctime_ns, now_ns))
        {
          item->has_stamp = FALSE;
          if (item->contents == NULL)
            item->contents = g_bytes_new (data, len);
        }
    }
  return item;
}

static void
report_conflict_copy (const char *path,
                      GPtrArray  *problems)
{
  g_ptr_array_add (problems,
                   ik_problem_new (IK_PROBLEM_CONFLICT, path, 0, 0,
                                   _("A conflicting copy of a file, made by a sync program or kept after an edit by another program. It is not loaded; compare it with the original and delete the one you do not need.")));
}

/* Loading (worker thread) *****************************************************/

typedef struct
{
  char      *dir;
  char      *kind_dirs[2];
  char      *trash_dir;
  GPtrArray *items[2];   /* LoadedItem */
  GPtrArray *bundled;    /* IkBank */
  GPtrArray *problems;   /* IkProblem */
  char      *kind_locked[2];
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->dir);
  g_free (data->kind_dirs[0]);
  g_free (data->kind_dirs[1]);
  g_free (data->trash_dir);
  g_free (data->kind_locked[0]);
  g_free (data->kind_locked[1]);
  g_ptr_array_unref (data->items[0]);
  g_ptr_array_unref (data->items[1]);
  g_ptr_array_unref (data->bundled);
  g_ptr_array_unref (data->problems);
  g_free (data);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted names of the entries of @dir, or NULL with @error set. */
static GPtrArray *
list_dir (const char  *dir,
          GError     **error)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

static gboolean
parse_trash_time (const char *name,
                  gint64     *unix_time)
{
  const char *dash = strrchr (name, '-');
  int year, month, day, hour, minute, second;
  g_autoptr(GDateTime) time = NULL;

  if (dash == NULL ||
      sscanf (dash + 1, "%4d%2d%2dT%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return FALSE;
  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}

static gboolean
trash_name_is_ours (const char *name)
{
  for (guint kind = KIND_BANK; kind <= KIND_SESSION; kind++)
    {
      g_autofree char *prefix = g_strconcat (kind_names[kind], "-", NULL);

      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
        return TRUE;
    }
  return FALSE;
}

static void
purge_trash (LoadData *data)
{
  g_autoptr(GPtrArray) names = list_dir (data->trash_dir, NULL);
  gint64 limit = g_get_real_time () / G_USEC_PER_SEC - IK_LIBRARY_TRASH_MAX_AGE_DAYS * 24 * 3600;

  if (names == NULL)
    return;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (data->trash_dir, name, NULL);
      gint64 when;

      if (ik_file_store_is_temp_name (name))
        {
          if (ik_file_store_temp_is_stale (data->trash_dir, name))
            g_unlink (path);
          continue;
        }
      /* Only our own trash files (`<kind>-<id>-<time>.json`) are purged. */
      if (trash_name_is_ours (name) && parse_trash_time (name, &when) && when < limit)
        g_unlink (path);
      else
        ik_file_store_repair_mode (path);
    }
}

/* One file of banks/ or sessions/, in name order. The checks of the name
 * are made in order; reading, parsing and building (the work) by any
 * worker; the results are merged in order again. */
typedef struct
{
  EntryKind   kind;
  char       *path;
  char       *id;         /* NULL: nothing to load */
  GPtrArray  *problems;   /* IkProblem, in the order they were found */
  LoadedItem *item;
} LoadSlot;

static void
load_slot_clear (LoadSlot *slot)
{
  g_free (slot->path);
  g_free (slot->id);
  g_ptr_array_unref (slot->problems);
  g_clear_pointer (&slot->item, loaded_item_free);
}

/* Why nothing may be written into @dir, or NULL. The owner's choice is
 * respected (a folder without write permission for its owner is
 * read-only, even for root), and so is the system's. */
static char *
folder_read_only_reason (const char *dir)
{
  struct statvfs vfs;
  struct stat st;

  if (statvfs (dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0)
    return g_strdup_printf (_("The library folder “%s” is on a read-only file system. Nothing can be saved; your changes stay open until you close Interview Kit."), dir);
  if (lstat (dir, &st) == 0 && ((st.st_mode & S_IWUSR) == 0 || access (dir, W_OK) != 0))
    return g_strdup_printf (_("The library folder “%s” is read-only. Nothing can be saved; your changes stay open until you close Interview Kit."), dir);
  return NULL;
}

/* Lists @kind's folder into @slots: stale temporary files are deleted,
 * conflict copies and foreign names reported. */
static void
list_kind (LoadData  *data,
           EntryKind  kind,
           GArray    *slots)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *dir = data->kind_dirs[kind];

  if (!ik_file_store_ensure_dir (dir, &error) ||
      (names = list_dir (dir, &error)) == NULL)
    {
      LoadSlot slot = { kind, g_strdup (dir), NULL, g_ptr_array_new_with_free_func (g_object_unref), NULL };
      g_autofree char *message =
        g_strdup_printf (_("The folder “%s” cannot be used (%s). Nothing is read from it or written into it."),
                         dir, error->message);

      g_ptr_array_add (slot.problems, ik_problem_new (IK_PROBLEM_WRITE, dir, 0, 0, message));
      g_array_append_val (slots, slot);
      data->kind_locked[kind] = g_steal_pointer (&message);
      return;
    }

  if ((data->kind_locked[kind] = folder_read_only_reason (dir)) != NULL)
    {
      LoadSlot slot = { kind, g_strdup (dir), NULL, g_ptr_array_new_with_free_func (g_object_unref), NULL };

      g_ptr_array_add (slot.problems, ik_problem_new (IK_PROBLEM_WRITE, dir, 0, 0, data->kind_locked[kind]));
      g_array_append_val (slots, slot);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      LoadSlot slot = { kind, g_build_filename (dir, name, NULL), NULL, NULL, NULL };

      /* A temporary file of ours is what a save that was interrupted left
       * behind: the original next to it is intact. It holds candidate
       * data, so it is deleted rather than left lying around, once no
       * save can still be writing it. Nothing else is ever deleted. */
      if (ik_file_store_is_temp_name (name))
        {
          if (data->kind_locked[kind] == NULL && ik_file_store_temp_is_stale (dir, name))
            g_unlink (slot.path);
          g_free (slot.path);
          continue;
        }
      if (name[0] == '.')
        {
          g_free (slot.path);
          continue;
        }

      slot.problems = g_ptr_array_new_with_free_func (g_object_unref);
      if (name_is_conflict_copy (name))
        report_conflict_copy (slot.path, slot.problems);
      else if ((slot.id = id_from_file_name (name)) == NULL)
        g_ptr_array_add (slot.problems,
                         ik_problem_new (IK_PROBLEM_VALIDATE, slot.path, 0, 0,
                                         _("This file name is not one the library uses (“<id>.json”); the file is not loaded")));
      g_array_append_val (slots, slot);
    }
}

typedef struct
{
  GArray               *slots;   /* LoadSlot */
  gint                  next;    /* atomic: the next slot to take */
  guint                 end;     /* the first slot not to take */
  /* Read-only while the workers run. */
  IkQuestionStringPool *pool;
} LoadWork;

/* Worker: takes slots in turn until none is left. */
static gpointer
load_worker (gpointer user_data)
{
  LoadWork *work = user_data;
  guint n = work->end;
  gint i;

  ik_question_string_pool_set_thread (work->pool);
  while ((i = g_atomic_int_add (&work->next, 1)) < (gint) n)
    {
      LoadSlot *slot = &g_array_index (work->slots, LoadSlot, i);

      if (slot->id == NULL)
        continue;
      ik_file_store_repair_mode (slot->path);
      slot->item = load_file (slot->kind, slot->path, slot->id, FALSE, slot->problems);
    }
  ik_question_string_pool_set_thread (NULL);
  return NULL;
}

/* Loads slots [work->next, work->end) on every processor. */
static void
run_load_workers (LoadWork *work)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_workers = CLAMP (g_get_num_processors (), 1, MAX ((work->end - work->next) / 8, 1));

  /* This thread is one of the workers. A thread that cannot be created
   * only means less parallelism. */
  for (guint t = 1; t < n_workers; t++)
    {
      GThread *thread = g_thread_try_new ("ik-library-load", load_worker, work, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  load_worker (work);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

/* Loads banks/, then sessions/, on every processor. */
static void
load_kinds (LoadData *data)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LoadSlot));
  g_autoptr(GHashTable) seen_banks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_sessions = g_hash_table_new (g_str_hash, g_str_equal);
  LoadWork work = { slots, 0, 0, NULL };
  guint n_bank_slots;

  g_array_set_clear_func (slots, (GDestroyNotify) load_slot_clear);
  list_kind (data, KIND_BANK, slots);
  n_bank_slots = slots->len;
  list_kind (data, KIND_SESSION, slots);

  work.end = n_bank_slots;
  run_load_workers (&work);

  /* The snapshots of questions in sessions share the strings of the bank
   * questions they were taken from: a pool of those, read-only (so
   * without a lock) while the sessions load. */
  work.pool = ik_question_string_pool_new ();
  for (guint i = 0; i < n_bank_slots; i++)
    {
      LoadSlot *slot = &g_array_index (slots, LoadSlot, i);
      GListModel *questions;

      if (slot->item == NULL)
        continue;
      questions = ik_bank_get_questions (IK_BANK (slot->item->object));
      for (guint q = 0; q < g_list_model_get_n_items (questions); q++)
        {
          g_autoptr(IkQuestion) question = g_list_model_get_item (questions, q);

          ik_question_string_pool_add (work.pool, question);
        }
    }
  work.next = n_bank_slots;
  work.end = slots->len;
  run_load_workers (&work);
  ik_question_string_pool_free (work.pool);

  /* In name order, as if read one by one: the first file of an id wins. */
  for (guint i = 0; i < slots->len; i++)
    {
      LoadSlot *slot = &g_array_index (slots, LoadSlot, i);
      LoadedItem *item = slot->item;
      GHashTable *seen;

      g_ptr_array_extend_and_steal (data->problems, g_steal_pointer (&slot->problems));
      slot->problems = g_ptr_array_new ();
      if (item == NULL)
        continue;

      seen = slot->kind == KIND_BANK ? seen_banks : seen_sessions;
      if (g_hash_table_contains (seen, item->id))
        {
          g_ptr_array_add (data->problems,
                           ik_problem_new (IK_PROBLEM_VALIDATE, slot->path, 0, 0,
                                           _("Another file of the library has the same id; this one is not loaded")));
          continue;
        }
      g_hash_table_add (seen, item->id);
      g_ptr_array_add (data->items[slot->kind], g_steal_pointer (&slot->item));
    }
}

static void
load_bundled (LoadData *data)
{
  static gsize registered = 0;
  g_auto(GStrv) names = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_once_init_enter (&registered))
    {
      g_resources_register (ik_bundled_get_resource ());
      g_once_init_leave (&registered, 1);
    }

  names = g_resources_enumerate_children (IK_LIBRARY_BUNDLED_BANKS_PATH,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return;

  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (IK_LIBRARY_BUNDLED_BANKS_PATH, names[i], NULL);
      g_autofree char *uri = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      LoadedItem *item;
      gsize len;
      const char *contents;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_ptr_array_add (data->problems, ik_problem_new (IK_PROBLEM_READ, uri, 0, 0, error->message));
          continue;
        }
      contents = g_bytes_get_data (bytes, &len);
      item = load_document (KIND_BANK, uri, uri, contents, len, NULL, FALSE, data->problems);
      if (item == NULL)
        continue;

      if (g_hash_table_contains (seen, item->id))
        {
          g_ptr_array_add (data->problems,
                           ik_problem_new (IK_PROBLEM_VALIDATE, uri, 0, 0,
                                           _("Another bundled bank has the same id; this one is not loaded")));
          loaded_item_free (item);
          continue;
        }
      g_hash_table_add (seen, g_strdup (item->id));
      g_object_set (item->object, "origin", IK_BANK_ORIGIN_BUNDLED, NULL);
      g_ptr_array_add (data->bundled, g_object_ref (item->object));
      loaded_item_free (item);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!ik_file_store_ensure_dir (data->dir, &error))
    {
      g_task_return_new_error (task, error->domain, error->code,
                               _("Could not open the library folder “%s”: %s"),
                               data->dir, error->message);
      return;
    }
  if (!ik_file_store_ensure_dir (data->trash_dir, &error))
    {
      g_ptr_array_add (data->problems, ik_problem_new (IK_PROBLEM_WRITE, data->trash_dir, 0, 0, error->message));
      g_clear_error (&error);
    }
  else
    purge_trash (data);

  load_bundled (data);
  load_kinds (data);

#ifdef __GLIBC__
  /* The JSON trees were freed file by file; hand their memory back rather
   * than keep it in the workers' arenas for the life of the process. */
  malloc_trim (0);
#endif

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

/* Tracking objects (main thread) **********************************************/

static void
on_object_changed (GObject *object,
                   Entry   *entry)
{
  if (!entry_is_dirty (entry))
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
  entry->generation++;
  schedule_save (entry, entry->library->autosave_delay);
}

static Entry *
track_object (IkLibrary  *self,
              EntryKind   kind,
              GObject    *object,
              const char *id)
{
  Entry *entry = entry_new (self, kind, object, id);

  g_hash_table_insert (self->entries, object, entry);
  entry->changed_id = g_signal_connect (object, "changed", G_CALLBACK (on_object_changed), entry);
  return entry;
}

static Entry *
track_loaded_item (IkLibrary  *self,
                   LoadedItem *item)
{
  Entry *entry = track_object (self, item->kind, item->object, item->id);

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

static void
untrack_object (IkLibrary *self,
                Entry     *entry)
{
  g_clear_handle_id (&entry->timeout_id, g_source_remove);
  g_clear_signal_handler (&entry->changed_id, entry->object);
  if (entry->failed)
    {
      entry->failed = FALSE;
      g_hash_table_remove (self->entries, entry->object);
      update_error (self);
    }
  else
    g_hash_table_remove (self->entries, entry->object);
}

static GListStore *
store_for_kind (IkLibrary *self,
                EntryKind  kind)
{
  return kind == KIND_BANK ? self->banks : self->sessions;
}

static gboolean
find_by_id (GListModel *model,
            const char *id,
            guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);
      g_autofree char *object_id = object_dup_string (object, "id");

      if (g_strcmp0 (object_id, id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static Entry *
find_entry_by_path (IkLibrary  *self,
                    const char *path)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (strcmp (entry->path, path) == 0)
      return entry;
  return NULL;
}

/* Puts @object in its list: in place of the object with the same id, or at
 * the end. */
static void
show_object (IkLibrary  *self,
             EntryKind   kind,
             GObject    *object,
             const char *id)
{
  GListStore *store = store_for_kind (self, kind);
  guint position;

  if (find_by_id (G_LIST_MODEL (store), id, &position))
    g_list_store_splice (store, position, 1, (gpointer *) &object, 1);
  else
    g_list_store_append (store, object);
}

/* Saving ***********************************************************************/

/* Removes what was said about @path's contents (it could not be read or
 * used): it has been read or written successfully since. */
static void
clear_file_problems (IkLibrary  *self,
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

/* Makes the entry's object hold @root (a document read from its file, or
 * merged with it) without replacing the object, so that every view keeps
 * editing the object the library tracks. Not an edit of the user's. */
static gboolean
entry_apply_document (Entry     *entry,
                      JsonNode  *root,
                      GError   **error)
{
  g_autoptr(GObject) source = object_new_from_json (entry->kind, root, error);

  if (source == NULL)
    return FALSE;

  g_signal_handler_block (entry->object, entry->changed_id);
  if (entry->kind == KIND_BANK)
    ik_bank_update_from (IK_BANK (entry->object), IK_BANK (source));
  else
    ik_session_update_from (IK_SESSION (entry->object), IK_SESSION (source));
  g_signal_handler_unblock (entry->object, entry->changed_id);
  return TRUE;
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
  entry_unref (job->entry);
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

static GBytes *
serialise (Entry   *entry,
           GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  char *data;
  gsize len = 0;

  if (entry->kind == KIND_BANK)
    root = ik_bank_to_json (IK_BANK (entry->object));
  else
    root = ik_session_to_json (IK_SESSION (entry->object));

  data = ik_json_to_data (root, &len, error);
  if (data == NULL)
    return NULL;
  return g_bytes_new_take (data, len);
}

static SaveJob *
save_job_new (Entry   *entry,
              GError **error)
{
  g_autoptr(GBytes) data = serialise (entry, error);
  SaveJob *job;

  if (data == NULL)
    return NULL;

  job = g_new0 (SaveJob, 1);
  job->entry = entry_ref (entry);
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

/* Any thread, under io_lock. Another program's version is on the disk:
 * merges ours into it (into job->data) or keeps it aside as a conflict
 * copy. FALSE: it cannot be read (job->waiting) or kept aside. */
static gboolean save_job_take_theirs_base (SaveJob  *job,
                                           GBytes   *base,
                                           GBytes   *theirs,
                                           GError  **error);

static gboolean
save_job_take_theirs (SaveJob     *job,
                      GBytes      *theirs,
                      GError     **error)
{
  return save_job_take_theirs_base (job, job->base, theirs, error);
}

/* Merges ours with @theirs, which was written after @derived, what ours
 * came from. */
static gboolean
save_job_take_theirs_from (SaveJob *job,
                           GBytes  *derived,
                           GBytes  *theirs)
{
  return save_job_take_theirs_base (job, derived, theirs, &job->error);
}

static gboolean
save_job_take_theirs_base (SaveJob     *job,
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

  if (their_root == NULL || (check = object_new_from_json (entry->kind, their_root, NULL)) == NULL)
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
    g_autofree char *copy = ik_file_store_conflict_path (entry->path);
    IkReplace aside = { .expected_exists = FALSE, .max_size = IK_JSON_MAX_FILE_SIZE };
    gsize len;
    const char *data = g_bytes_get_data (theirs, &len);
    gboolean kept = ik_file_store_replace (copy, data, len, &aside, error);

    ik_replace_clear (&aside);
    if (!kept)
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
      !save_job_take_theirs_from (job, job->derived, job->base))
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
      if (!save_job_take_theirs (job, theirs, &job->error))
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
  g_autofree char *display = entry_dup_display_name (job->entry);

  for (guint i = 0; i < job->copies->len; i++)
    {
      const char *copy = g_ptr_array_index (job->copies, i);
      g_autofree char *name = g_path_get_basename (copy);
      g_autofree char *message =
        g_strdup_printf (_("“%s” was changed by another program while you were editing it, in the same places. Your version was saved; the other version was kept as “%s”."),
                         display, name);

      add_problem (self, IK_PROBLEM_CONFLICT, copy, 0, 0, message);
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
    g_autoptr(GBytes) current = serialise (entry, NULL);
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
    schedule_save (entry, self->autosave_delay);
    if (conflict == NULL)
      return;

    /* The merged version as written is kept aside. */
    {
      g_autofree char *copy = ik_file_store_conflict_path (entry->path);
      IkReplace aside = { .expected_exists = FALSE, .max_size = IK_JSON_MAX_FILE_SIZE };
      gsize len;
      const char *data = g_bytes_get_data (job->written, &len);

      if (ik_file_store_replace (copy, data, len, &aside, NULL))
        g_ptr_array_add (job->copies, g_steal_pointer (&copy));
      ik_replace_clear (&aside);
    }
  }
}

/* Main thread: records the outcome of a job. */
static void
save_job_finish (IkLibrary *self,
                 SaveJob   *job)
{
  Entry *entry = job->entry;

  if (job->ok)
    {
      if (job->merged)
        apply_merge (self, job);
      clear_file_problems (self, entry->path);
      if (job->generation >= entry->generation)
        entry->first_dirty_time = 0;
      else
        entry->first_dirty_time = entry->first_change_while_writing != 0 ? entry->first_change_while_writing
                                                                         : g_get_monotonic_time ();
      entry->saved_generation = MAX (entry->saved_generation, job->generation);
      entry->failed = FALSE;
      if (entry->waiting)
        {
          entry->waiting = FALSE;
          clear_file_problems (self, entry->path);
        }
      report_copies (self, job);
    }
  else
    {
      report_copies (self, job);
      if (job->waiting)
        {
          entry->waiting = TRUE;
          add_problem (self, IK_PROBLEM_PARSE, entry->path, 0, 0, job->error->message);
        }
      entry_failed (entry, job->error);
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

static void queue_resync (IkLibrary  *self,
                          EntryKind   kind,
                          const char *path,
                          guint       delay);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  IkLibrary *self = IK_LIBRARY (source);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  Entry *entry = job->entry;

  entry->writing = FALSE;
  add_writing (self, -1);
  if (entry->gone)
    return;
  save_job_finish (self, job);

  if (job->ok)
    update_error (self);

  /* Another program's change seen while this write was in flight. */
  if (entry->recheck)
    {
      entry->recheck = FALSE;
      queue_resync (self, entry->kind, entry->path, 0);
    }

  /* A change made while this write was in flight found the entry busy:
   * save it now that the file is free. */
  if (!entry->gone && !entry->failed && entry_is_dirty (entry) && entry->timeout_id == 0)
    schedule_save (entry, self->autosave_delay);
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

static void
start_save (Entry *entry)
{
  IkLibrary *self = entry->library;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveJob *job;

  if (entry->writing || entry->read_only || entry->gone || !entry_is_dirty (entry))
    return;

  if (entry_locked_reason (entry) != NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, entry_locked_reason (entry));
      entry_failed (entry, error);
      return;
    }

  job = save_job_new (entry, &error);
  if (job == NULL)
    {
      entry_failed (entry, error);
      return;
    }

  entry->writing = TRUE;
  add_writing (self, 1);
  task = g_task_new (self, NULL, save_done_cb, NULL);
  g_task_set_source_tag (task, start_save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->timeout_id = 0;
  start_save (entry);
  return G_SOURCE_REMOVE;
}

/* Saves @entry after @delay, but never later than
 * IK_LIBRARY_AUTOSAVE_MAX_DELAY_MS after its first unsaved change: steady
 * typing must not hold the save back. */
static void
schedule_save (Entry *entry,
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
  entry->timeout_id = g_timeout_add (delay, save_timeout_cb, entry);
}

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y%m%dT%H%M%S");

  return g_strdup_printf ("%s.%06dZ", base, g_date_time_get_microsecond (now));
}

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
  g_clear_pointer (&data->item, loaded_item_free);
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
  data->item = load_document (data->kind, data->path, data->path, contents, len, data->id, FALSE, data->problems);
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

      add_problem (self, ik_problem_get_kind (problem), ik_problem_get_path (problem),
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

  if (data->conflict_copy)
    {
      if (data->exists)
        {
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);

          report_conflict_copy (data->path, problems);
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

  entry = find_entry_by_path (self, data->path);

  if (!data->exists)
    {
      /* Deleted by another program. Unsaved edits are saved again. */
      if (entry != NULL && !entry_is_dirty (entry) && !entry->writing)
        {
          guint position;

          if (g_list_store_find (store_for_kind (self, entry->kind), entry->object, &position))
            g_list_store_remove (store_for_kind (self, entry->kind), position);
          untrack_object (self, entry);
        }
      clear_file_problems (self, data->path);
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
      if (find_by_id (G_LIST_MODEL (store_for_kind (self, data->kind)), data->item->id, &position))
        {
          g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (store_for_kind (self, data->kind)), position);

          if (g_hash_table_contains (self->entries, shown))
            return;
        }
      clear_file_problems (self, data->path);
      data->item->contents = g_bytes_ref (data->contents);
      data->item->stamp = data->stamp;
      data->item->has_stamp = TRUE;
      track_loaded_item (self, data->item);
      show_object (self, data->kind, data->item->object, data->item->id);
      return;
    }

  g_mutex_lock (&self->io_lock);
  if (data->has_stamp &&
      ((entry->on_disk && ik_file_stamp_equal (&data->stamp, &entry->disk_stamp)) ||
       entry_wrote_recently (entry, &data->stamp)))
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

  if (entry_is_dirty (entry))
    {
      /* The save merges theirs with ours, or keeps theirs aside. */
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      start_save (entry);
      return;
    }

  /* No edits of ours: take theirs, in the same object. */
  g_signal_handler_block (entry->object, entry->changed_id);
  if (entry->kind == KIND_BANK)
    ik_bank_update_from (IK_BANK (entry->object), IK_BANK (data->item->object));
  else
    ik_session_update_from (IK_SESSION (entry->object), IK_SESSION (data->item->object));
  g_signal_handler_unblock (entry->object, entry->changed_id);

  g_mutex_lock (&self->io_lock);
  entry->on_disk = TRUE;
  entry->disk_stamp = data->stamp;
  g_clear_pointer (&entry->base, g_bytes_unref);
  entry->base = g_bytes_ref (data->contents);
  g_mutex_unlock (&self->io_lock);

  entry->read_only = data->item->read_only;
  entry->waiting = FALSE;
  clear_file_problems (self, data->path);
  add_problems (self, data->problems);
  if (entry->failed)
    {
      entry->failed = FALSE;
      update_error (self);
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
  data->conflict_copy = name_is_conflict_copy (name);
  data->id = data->conflict_copy ? NULL : id_from_file_name (name);
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

static void
queue_resync (IkLibrary  *self,
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

  id = id_from_file_name (name);
  if (id == NULL && !name_is_conflict_copy (name))
    return;

  queue_resync (self, kind, path, EXTERNAL_SETTLE_MS);
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

static void
start_monitors (IkLibrary *self)
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

/* Loading (main thread) *******************************************************/

static void
load_done (IkLibrary *self,
           LoadData  *data)
{
  g_autoptr(GPtrArray) banks = g_ptr_array_new ();
  g_autoptr(GPtrArray) sessions = g_ptr_array_new ();
  g_autoptr(GHashTable) user_banks = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < data->items[KIND_BANK]->len; i++)
    {
      LoadedItem *item = g_ptr_array_index (data->items[KIND_BANK], i);

      track_loaded_item (self, item);
      g_hash_table_insert (user_banks, item->id, item->object);
    }

  /* Bundled banks first, each one replaced by the user's copy if any. */
  for (guint i = 0; i < data->bundled->len; i++)
    {
      GObject *bank = g_ptr_array_index (data->bundled, i);
      g_autofree char *id = object_dup_string (bank, "id");
      GObject *user = g_hash_table_lookup (user_banks, id);

      g_hash_table_insert (self->bundled, g_strdup (id), g_object_ref (bank));
      if (user != NULL)
        {
          g_ptr_array_add (banks, user);
          g_hash_table_remove (user_banks, id);
        }
      else
        g_ptr_array_add (banks, bank);
    }
  for (guint i = 0; i < data->items[KIND_BANK]->len; i++)
    {
      LoadedItem *item = g_ptr_array_index (data->items[KIND_BANK], i);

      if (g_hash_table_contains (user_banks, item->id))
        g_ptr_array_add (banks, item->object);
    }

  for (guint i = 0; i < data->items[KIND_SESSION]->len; i++)
    {
      LoadedItem *item = g_ptr_array_index (data->items[KIND_SESSION], i);

      track_loaded_item (self, item);
      g_ptr_array_add (sessions, item->object);
    }

  g_list_store_splice (self->problems, 0, 0, data->problems->pdata, data->problems->len);
  g_list_store_splice (self->banks, 0, 0, banks->pdata, banks->len);
  g_list_store_splice (self->sessions, 0, 0, sessions->pdata, sessions->len);

  for (guint kind = KIND_BANK; kind <= KIND_SESSION; kind++)
    self->kind_locked[kind] = g_steal_pointer (&data->kind_locked[kind]);

  start_monitors (self);
  self->loading = FALSE;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  IkLibrary *self = IK_LIBRARY (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->loading = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  load_done (self, g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

/**
 * ik_library_load_async:
 * @self: a library
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the library is loaded
 * @user_data: data for @callback
 *
 * Creates the library folders if needed, repairs their permissions, deletes
 * the temporary files of interrupted saves and old trash, then reads every
 * bank and session in a worker thread. Files that cannot be used are listed
 * in ik_library_get_problems(). A library is loaded once.
 */
void
ik_library_load_async (IkLibrary           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  LoadData *data;

  g_return_if_fail (IK_IS_LIBRARY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ik_library_load_async);

  if (self->loading || self->loaded)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The library is already loaded");
      return;
    }
  self->loading = TRUE;

  data = g_new0 (LoadData, 1);
  data->dir = g_strdup (self->dir);
  data->kind_dirs[0] = g_strdup (self->kind_dirs[0]);
  data->kind_dirs[1] = g_strdup (self->kind_dirs[1]);
  data->trash_dir = g_strdup (self->trash_dir);
  data->items[0] = g_ptr_array_new_with_free_func ((GDestroyNotify) loaded_item_free);
  data->items[1] = g_ptr_array_new_with_free_func ((GDestroyNotify) loaded_item_free);
  data->bundled = g_ptr_array_new_with_free_func (g_object_unref);
  data->problems = g_ptr_array_new_with_free_func (g_object_unref);

  inner = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, load_thread);
  g_task_set_task_data (inner, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (inner, load_thread);
}

/**
 * ik_library_load_finish:
 * @self: a library
 * @result: the result passed to the callback
 * @error: return location for an error (the library folder is unusable)
 *
 * Returns: %TRUE when the library was loaded; problems with single files
 *   do not make it fail
 */
gboolean
ik_library_load_finish (IkLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

  if (!find_by_id (G_LIST_MODEL (self->banks), id, &position))
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

  if (!find_by_id (G_LIST_MODEL (self->sessions), id, &position))
    return NULL;
  session = g_list_model_get_item (G_LIST_MODEL (self->sessions), position);
  return IK_SESSION (session);
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
  return object_new_from_json (kind, root, NULL);
}

static GObject *
add_object (IkLibrary *self,
            EntryKind  kind,
            GObject   *object)
{
  g_autofree char *id = object_dup_string (object, "id");
  g_autoptr(GObject) renamed = NULL;
  g_autofree char *path = NULL;
  GListStore *store = store_for_kind (self, kind);
  Entry *old_entry = NULL;
  Entry *entry;
  guint position;
  struct stat st;

  g_return_val_if_fail (ik_id_is_valid (id), NULL);

  if (g_hash_table_contains (self->entries, object))
    return object;

  /* Another object with the same id (an older copy): this one replaces it. */
  if (find_by_id (G_LIST_MODEL (store), id, &position))
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
      id = object_dup_string (object, "id");
    }

  entry = track_object (self, kind, object, id);
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
      untrack_object (self, old_entry);
    }
  entry->generation = 1;
  entry->first_dirty_time = g_get_monotonic_time ();
  show_object (self, kind, object, id);
  schedule_save (entry, self->autosave_delay);
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

static gboolean
remove_object (IkLibrary  *self,
               EntryKind   kind,
               GObject    *object,
               GError    **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *stamp = timestamp_now ();
  g_autofree char *trash_name = NULL;
  g_autofree char *trash_path = NULL;
  GListStore *store = store_for_kind (self, kind);
  Entry *entry = g_hash_table_lookup (self->entries, object);
  gboolean ok = TRUE;
  guint position;

  if (entry == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           kind == KIND_BANK ? _("Banks shipped with Interview Kit cannot be deleted")
                                             : _("This session is not in the library"));
      return FALSE;
    }

  if (entry->read_only)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           _("This file was written by a newer version of Interview Kit and is not changed by this one"));
      return FALSE;
    }

  if (!ik_file_store_ensure_dir (self->trash_dir, error))
    return FALSE;

  trash_name = g_strdup_printf ("%s-%s-%s.json", kind_names[kind], entry->id, stamp);
  trash_path = g_build_filename (self->trash_dir, trash_name, NULL);

  /* The trash holds the latest state, saved or not, so that a restore
   * brings back what the user saw. */
  if (entry_is_dirty (entry) && (data = serialise (entry, error)) == NULL)
    return FALSE;

  g_mutex_lock (&self->io_lock);
  if (data != NULL)
    {
      gsize len;
      const char *contents = g_bytes_get_data (data, &len);

      ok = ik_file_store_write (trash_path, contents, len, error);
      if (ok && g_unlink (entry->path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_unlink (trash_path);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          ok = FALSE;
        }
    }
  else if (g_rename (entry->path, trash_path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      ok = FALSE;
    }
  if (ok)
    entry->gone = TRUE;
  g_mutex_unlock (&self->io_lock);

  if (!ok)
    return FALSE;

  if (g_list_store_find (store, object, &position))
    {
      GObject *bundled = kind == KIND_BANK ? g_hash_table_lookup (self->bundled, entry->id) : NULL;

      if (bundled != NULL)
        g_list_store_splice (store, position, 1, (gpointer *) &bundled, 1);
      else
        g_list_store_remove (store, position);
    }
  untrack_object (self, entry);
  return TRUE;
}

/**
 * ik_library_remove_bank:
 * @self: a library
 * @bank: a user bank of the library
 * @error: return location for an error
 *
 * Moves the bank's file to `trash/bank-<id>-<timestamp>.json` and removes it
 * from the list (a bundled bank with the same id shows again). Undo with
 * ik_library_add_bank() or ik_library_restore_bank(). Bundled banks cannot
 * be removed.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_library_remove_bank (IkLibrary  *self,
                        IkBank     *bank,
                        GError    **error)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (IK_IS_BANK (bank), FALSE);

  return remove_object (self, KIND_BANK, G_OBJECT (bank), error);
}

/**
 * ik_library_remove_session:
 * @self: a library
 * @session: a session of the library
 * @error: return location for an error
 *
 * Moves the session's file to `trash/session-<id>-<timestamp>.json` and
 * removes it from the list. Undo with ik_library_add_session() or
 * ik_library_restore_session().
 *
 * Returns: %TRUE on success
 */
gboolean
ik_library_remove_session (IkLibrary  *self,
                           IkSession  *session,
                           GError    **error)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (IK_IS_SESSION (session), FALSE);

  return remove_object (self, KIND_SESSION, G_OBJECT (session), error);
}

static GObject *
restore_object (IkLibrary   *self,
                EntryKind    kind,
                const char  *id,
                GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LoadedItem) item = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s-%s-", kind_names[kind], id);
  g_autofree char *trash_path = NULL;
  g_autofree char *path = NULL;
  GObject *object;
  guint position;

  if (!ik_id_is_valid (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid id"), id);
      return NULL;
    }

  names = list_dir (self->trash_dir, error);
  if (names == NULL)
    return NULL;

  /* Timestamps sort: the last match is the latest removal. */
  for (guint i = names->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (names, i - 1);
      gint64 when;

      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json") &&
          strchr (name + strlen (prefix), '-') == NULL &&
          parse_trash_time (name, &when))
        {
          trash_path = g_build_filename (self->trash_dir, name, NULL);
          break;
        }
    }
  if (trash_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Nothing to restore"));
      return NULL;
    }

  if (find_by_id (G_LIST_MODEL (store_for_kind (self, kind)), id, &position))
    {
      g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (store_for_kind (self, kind)), position);

      /* Only a bundled bank may be replaced by the restored copy. */
      if (g_hash_table_contains (self->entries, shown))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("It is already in the library"));
          return NULL;
        }
    }

  /* The rename below changes the file's ctime: recognise it by its hash. */
  item = load_file (kind, trash_path, id, TRUE, problems);
  if (item == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           ik_problem_get_message (g_ptr_array_index (problems, 0)));
      return NULL;
    }

  if (self->kind_locked[kind] != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, self->kind_locked[kind]);
      return NULL;
    }

  path = g_strdup_printf ("%s%c%s.json", self->kind_dirs[kind], G_DIR_SEPARATOR, id);
  g_mutex_lock (&self->io_lock);
  /* Never over a file that is there (one from a newer version, say). */
  if (ik_file_store_rename_noreplace (trash_path, path) != 0)
    {
      int saved_errno = errno;

      g_mutex_unlock (&self->io_lock);
      if (saved_errno == EEXIST)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                             _("A file with the same id is in the library folder; it is not replaced"));
      else
        g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                             g_strerror (saved_errno));
      return NULL;
    }
  g_mutex_unlock (&self->io_lock);

  object = item->object;
  track_loaded_item (self, item);
  show_object (self, kind, object, id);
  return object;
}

/**
 * ik_library_restore_bank:
 * @self: a library
 * @id: the id of a removed bank
 * @error: return location for an error
 *
 * Brings back the latest removed bank with @id from the trash.
 *
 * Returns: (transfer none) (nullable): the restored bank
 */
IkBank *
ik_library_restore_bank (IkLibrary   *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return (IkBank *) restore_object (self, KIND_BANK, id, error);
}

/**
 * ik_library_restore_session:
 * @self: a library
 * @id: the id of a removed session
 * @error: return location for an error
 *
 * Brings back the latest removed session with @id from the trash.
 *
 * Returns: (transfer none) (nullable): the restored session
 */
IkSession *
ik_library_restore_session (IkLibrary   *self,
                            const char  *id,
                            GError     **error)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return (IkSession *) restore_object (self, KIND_SESSION, id, error);
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
  return entry != NULL && !entry->read_only && entry_is_dirty (entry);
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

      if (entry->read_only || entry->gone || !entry_is_dirty (entry))
        continue;

      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      if (entry_locked_reason (entry) != NULL)
        {
          g_autofree char *name = entry_dup_display_name (entry);

          g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, entry_locked_reason (entry));
          entry_failed (entry, local_error);
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, _("Could not save “%s”: %s"),
                         name, local_error->message);
          continue;
        }
      job = save_job_new (entry, &local_error);
      if (job == NULL)
        {
          entry_failed (entry, local_error);
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
              g_autofree char *name = entry_dup_display_name (job->entry);

              g_set_error (error, job->error->domain, job->error->code,
                           _("Could not save “%s”: %s"), name, job->error->message);
            }
          ok = FALSE;
        }
    }
  update_error (self);
  return ok;
}

/**
 * ik_library_flush:
 * @self: a library
 * @error: return location for the first failure
 *
 * Saves every object with unsaved changes now, blocking until they are on
 * the disk. Call it when a window closes and before quitting.
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

  if (!finish_jobs (self, jobs, local_error != NULL ? NULL : &local_error) || local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
flush_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *jobs = task_data;

  for (guint i = 0; i < jobs->len; i++)
    save_job_run (source_object, g_ptr_array_index (jobs, i));
  g_task_return_boolean (task, TRUE);
}

static void
flush_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  IkLibrary *self = IK_LIBRARY (source);
  g_autoptr(GTask) task = user_data;
  GPtrArray *jobs = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  add_writing (self, -1);
  if (finish_jobs (self, jobs, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ik_library_flush_async:
 * @self: a library
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every change is on the disk (or failed)
 * @user_data: data for @callback
 *
 * Like ik_library_flush() without blocking the main loop.
 */
void
ik_library_flush_async (IkLibrary           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  GError *error = NULL;

  g_return_if_fail (IK_IS_LIBRARY (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ik_library_flush_async);

  jobs = collect_dirty_jobs (self, &error);
  if (error != NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  add_writing (self, 1);
  inner = g_task_new (self, NULL, flush_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, flush_thread);
  g_task_set_task_data (inner, g_steal_pointer (&jobs), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (inner, flush_thread);
}

gboolean
ik_library_flush_finish (IkLibrary     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
    if (entry_is_dirty (entry) && !entry->read_only)
      {
        g_clear_handle_id (&entry->timeout_id, g_source_remove);
        start_save (entry);
      }
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

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_clear_handle_id (&entry->timeout_id, g_source_remove);
      g_clear_signal_handler (&entry->changed_id, entry->object);
    }
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
    self->kind_dirs[kind] = g_build_filename (self->dir, kind_folders[kind], NULL);
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

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ERROR] =
    g_param_spec_boolean ("has-error", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) entry_unref);
  self->bundled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending_external = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  remove_source);
  self->autosave_delay = IK_LIBRARY_AUTOSAVE_DELAY_MS;
  self->retry_delay = IK_LIBRARY_RETRY_DELAY_MS;
  g_mutex_init (&self->io_lock);
}
