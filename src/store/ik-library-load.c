/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library-load.c: reading the files of the library and the load: one
 * worker per processor, bundled banks, stale temporary files of ours and
 * old trash. */
#include "config.h"

#include "ik-library-private.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ik-enums.h"
#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-util.h"

GResource *ik_bundled_get_resource (void);

/* Reading files (any thread) **************************************************/



void
ik_library_loaded_item_free (LoadedItem *item)
{
  g_clear_object (&item->object);
  g_free (item->id);
  g_free (item->path);
  g_clear_pointer (&item->contents, g_bytes_unref);
  ik_session_summary_clear (&item->summary);
  g_free (item);
}

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

gboolean
ik_library_name_is_conflict_copy (const char *name)
{
  return strstr (name, ".sync-conflict-") != NULL ||
         strstr (name, "(conflicted copy") != NULL ||
         strstr (name, "(Conflicted copy") != NULL ||
         strstr (name, ".conflict-") != NULL;
}

/* Returns the id when @name is `<valid id>.json`. */
char *
ik_library_id_from_file_name (const char *name)
{
  g_autofree char *stem = NULL;

  if (!g_str_has_suffix (name, ".json"))
    return NULL;
  stem = g_strndup (name, strlen (name) - strlen (".json"));
  if (!ik_id_is_valid (stem))
    return NULL;
  return g_steal_pointer (&stem);
}

GObject *
ik_library_object_new_from_json (EntryKind   kind,
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
LoadedItem *
ik_library_load_document (EntryKind    kind,
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
  IkSessionSummary summary = { 0, };
  gboolean has_summary = FALSE;
  gboolean newer = FALSE;
  gboolean read_only = FALSE;
  guint line = 0;
  guint column = 0;
  LoadedItem *item;

  /* Documents as the writer writes them are read straight from the
   * tokens, their bulk (questions, records) without a tree; only what that
   * way does not take is read again the slow way, which explains what is
   * wrong with it. */
  if (kind == KIND_SESSION)
    {
      object = (GObject *) ik_session_new_from_data_summary (data, len, &summary);
      has_summary = object != NULL;
    }
  else
    {
      IkBankQuestions questions;

      object = (GObject *) ik_bank_new_from_bytes (data, len, NULL, NULL, &questions);
      if (object != NULL)
        {
          summary.records_start = questions.start;
          summary.records_end = questions.end;
          summary.n_records = questions.n;
          has_summary = TRUE;
        }
    }
  if (object != NULL)
    goto read;

  root = ik_json_parse (data, len, &line, &column, &error);
  if (root == NULL)
    {
      g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_PARSE, display_path,
                                                 line, column, error->message));
      return NULL;
    }

  newer = peek_format_version (root) > (kind == KIND_BANK ? IK_BANK_FORMAT_VERSION
                                                          : IK_SESSION_FORMAT_VERSION);
  object = ik_library_object_new_from_json (kind, root, &error);
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

read:
  id = ik_library_object_dup_string (object, "id");
  if (expected_id != NULL && g_strcmp0 (id, expected_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file name does not match the id inside the file (“%s”); the file is not loaded"),
                         id != NULL ? id : "");

      g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_VALIDATE, display_path,
                                                 0, 0, message));
      ik_session_summary_clear (&summary);
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
  item->has_summary = has_summary;
  item->summary = summary;
  return item;
}

/* An item read as @entry of an index says (@object taken). */
static LoadedItem *
indexed_item_new (EntryKind                  kind,
                  GObject                   *object,
                  const char                *path,
                  const char                *id,
                  const IkLibraryIndexEntry *entry)
{
  LoadedItem *item = g_new0 (LoadedItem, 1);

  item->kind = kind;
  item->object = object;
  item->id = g_strdup (id);
  item->path = g_strdup (path);
  item->has_summary = TRUE;
  ik_session_summary_copy (&item->summary, &entry->summary);
  item->from_index = TRUE;
  return item;
}

/* The session of @path read without its body, as @entry of the index
 * says it is, when @data (with @stamp) are still the bytes it was made
 * from; else NULL. */
static LoadedItem *
load_from_index (const char                *path,
                 const char                *data,
                 gsize                      len,
                 const IkFileStamp         *stamp,
                 const char                *expected_id,
                 const IkLibraryIndexEntry *entry)
{
  g_autoptr(IkSession) session = NULL;

  if (!ik_file_stamp_equal (stamp, &entry->stamp))
    return NULL;
  session = ik_session_new_from_summary (data, len, &entry->summary);
  if (session == NULL || g_strcmp0 (ik_session_get_id (session), expected_id) != 0)
    return NULL;

  return indexed_item_new (KIND_SESSION, G_OBJECT (g_steal_pointer (&session)), path, expected_id, entry);
}

/* Where a bank's questions, left unread, are read from on first use:
 * the file, if it did not change since. */
typedef struct
{
  char       *path;
  IkFileStamp stamp;
  gsize       start;
  gsize       end;
} QuestionsSource;

static void
questions_source_free (gpointer user_data)
{
  QuestionsSource *source = user_data;

  g_free (source->path);
  g_free (source);
}

static GBytes *
read_questions_source (gpointer user_data)
{
  QuestionsSource *source = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *bytes = NULL;

  if (!ik_file_store_read_range (source->path, &source->stamp, source->start, source->end, &bytes, &error))
    g_debug ("The questions of %s could not be read: %s", source->path, error->message);
  return bytes;
}

/* The bank of @path with its questions left unread (they are read from
 * the file on first use), where @entry of the index of banks says they
 * lie, when @data (with @stamp, read around the questions) are still the
 * bytes it was made from; else NULL. */
static LoadedItem *
load_bank_from_index (const char                *path,
                      const char                *data,
                      gsize                      len,
                      const IkFileStamp         *stamp,
                      const char                *expected_id,
                      const IkLibraryIndexEntry *entry)
{
  IkBankQuestions skip = { entry->summary.records_start, entry->summary.records_end,
                           entry->summary.n_records };
  g_autoptr(IkBank) bank = NULL;
  QuestionsSource *source;

  if (!ik_file_stamp_equal (stamp, &entry->stamp))
    return NULL;
  source = g_new0 (QuestionsSource, 1);
  source->path = g_strdup (path);
  source->stamp = *stamp;
  source->start = skip.start;
  source->end = skip.end;
  bank = ik_bank_new_passing_questions (data, len, &skip, read_questions_source, source,
                                        questions_source_free, NULL);
  if (bank == NULL || !ik_bank_has_pending_questions (bank) ||
      g_strcmp0 (ik_bank_get_id (bank), expected_id) != 0)
    return NULL;

  return indexed_item_new (KIND_BANK, G_OBJECT (g_steal_pointer (&bank)), path, expected_id, entry);
}

/* What the index says a load may leave unread of a file (its holes, in
 * the order of the file): a session's body, a bank's questions. */
static guint
index_holes (EntryKind                  kind,
             const IkLibraryIndexEntry *entry,
             gsize                      holes[4])
{
  const IkSessionSummary *summary = &entry->summary;
  guint n = 0;

  if (summary->records_end != 0)
    {
      holes[n++] = summary->records_start;
      holes[n++] = summary->records_end;
    }
  if (kind == KIND_SESSION && summary->scorecard_end != 0)
    {
      holes[n++] = summary->scorecard_start;
      holes[n++] = summary->scorecard_end;
      /* In the order of the file. */
      if (n == 4 && holes[2] < holes[0])
        {
          gsize start = holes[0], end = holes[1];

          holes[0] = holes[2];
          holes[1] = holes[3];
          holes[2] = start;
          holes[3] = end;
        }
    }
  return n / 2;
}

/* Whether a write could still come under @stamp (its file's times are
 * within the file system's clock tick of @now_ns, or in the future). */
static gboolean
stamp_is_racy (const IkFileStamp *stamp,
               gint64             now_ns)
{
  return ik_library_stamp_time_is_racy (stamp->mtime_ns, now_ns) ||
         ik_library_stamp_time_is_racy (stamp->ctime_ns, now_ns);
}

/* ik_library_load_file(), without the body of a session, or the questions
 * of a bank, that @entry of the index (nullable) still describes: those
 * are not even read from the file. */
static LoadedItem *
load_file_indexed (EntryKind                  kind,
                   const char                *path,
                   const char                *expected_id,
                   gboolean                   keep_contents,
                   const IkLibraryIndexEntry *entry,
                   GPtrArray                 *problems)
{
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  IkFileStamp stamp;
  LoadedItem *item = NULL;
  const char *contents;
  gboolean read, around = FALSE;
  gint64 now_ns = ik_library_now_ns ();
  gsize len = 0;

  /* A mode too open for candidate data is repaired on the way. A stamp
   * that is racy now cannot vouch for the contents (which are then kept
   * whole to compare). */
  if (entry != NULL && !keep_contents && !stamp_is_racy (&entry->stamp, now_ns))
    {
      gsize holes[4];
      guint n_holes = index_holes (kind, entry, holes);

      read = ik_file_store_read_around (path, IK_JSON_MAX_FILE_SIZE, &entry->stamp, holes, n_holes,
                                        &bytes, &stamp, &around, &error);
      if (read)
        contents = g_bytes_get_data (bytes, &len);
    }
  else
    {
      read = ik_file_store_read_repaired (path, IK_JSON_MAX_FILE_SIZE, &data, &len, &stamp, &error);
      contents = data;
    }
  if (!read)
    {
      g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_READ, path, 0, 0, error->message));
      return NULL;
    }

  /* The index counts its places after a byte order mark, the holes
   * count in the file: one that starts with a mark is read whole. */
  if (around && ik_json_byte_order_mark_length (contents, len) == 0)
    item = kind == KIND_BANK ? load_bank_from_index (path, contents, len, &stamp, expected_id, entry)
                             : load_from_index (path, contents, len, &stamp, expected_id, entry);
  /* Not as the index says after all: the holes left must be read. */
  if (around && item == NULL)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      if (!ik_file_store_read_repaired (path, IK_JSON_MAX_FILE_SIZE, &data, &len, &stamp, &error))
        {
          g_ptr_array_add (problems, ik_problem_new (IK_PROBLEM_READ, path, 0, 0, error->message));
          return NULL;
        }
      contents = data;
    }
  if (item == NULL)
    item = ik_library_load_document (kind, path, path, contents, len, expected_id, keep_contents, problems);
  if (item != NULL)
    {
      item->stamp = stamp;
      item->has_stamp = TRUE;
      item->file_read_only = (stamp.mode & S_IWUSR) == 0;
      /* A stamp only vouches for the contents once the file's times are
       * older than any write that could come now (and not in the future):
       * else the bytes are kept and compared instead. */
      if (stamp_is_racy (&stamp, now_ns))
        {
          item->has_stamp = FALSE;
          if (item->contents == NULL)
            item->contents = g_bytes_new (contents, len);
        }
    }
  return item;
}

LoadedItem *
ik_library_load_file (EntryKind   kind,
           const char *path,
           const char *expected_id,
           gboolean    keep_contents,
           GPtrArray  *problems)
{
  return load_file_indexed (kind, path, expected_id, keep_contents, NULL, problems);
}

void
ik_library_report_conflict_copy (const char *path,
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
  char      *index_path;
  char      *bank_index_path;
  guint      n_indexed;  /* sessions read from the index */
  guint      n_banks_indexed;
  gboolean   banks_taken; /* main thread */
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
  g_free (data->index_path);
  g_free (data->bank_index_path);
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
GPtrArray *
ik_library_list_dir (const char  *dir,
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

gboolean
ik_library_parse_trash_time (const char *name,
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
      g_autofree char *prefix = g_strconcat (ik_library_kind_names[kind], "-", NULL);

      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
        return TRUE;
    }
  return FALSE;
}

static void
purge_trash (LoadData *data)
{
  g_autoptr(GPtrArray) names = ik_library_list_dir (data->trash_dir, NULL);
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
      if (trash_name_is_ours (name) && ik_library_parse_trash_time (name, &when) && when < limit)
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
  g_clear_pointer (&slot->item, ik_library_loaded_item_free);
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
      (names = ik_library_list_dir (dir, &error)) == NULL)
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
      if (ik_library_name_is_conflict_copy (name))
        ik_library_report_conflict_copy (slot.path, slot.problems);
      else if ((slot.id = ik_library_id_from_file_name (name)) == NULL)
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
  IkLibraryIndex       *index;        /* nullable */
  IkLibraryIndex       *bank_index;   /* nullable */
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

      const IkLibraryIndexEntry *entry = NULL;

      if (slot->id == NULL)
        continue;
      if (slot->kind == KIND_SESSION && work->index != NULL)
        entry = ik_library_index_lookup (work->index, strrchr (slot->path, G_DIR_SEPARATOR) + 1);
      else if (slot->kind == KIND_BANK && work->bank_index != NULL)
        entry = ik_library_index_lookup (work->bank_index, strrchr (slot->path, G_DIR_SEPARATOR) + 1);
      slot->item = load_file_indexed (slot->kind, slot->path, slot->id, FALSE, entry, slot->problems);
      if (slot->item != NULL && slot->item->from_index)
        continue;
      /* Checked whole; what lists show stays, the records and scorecard
       * are read again when the interview is opened (a fifth of the
       * memory a large library takes). */
      if (slot->item != NULL && slot->kind == KIND_SESSION && !slot->item->read_only)
        ik_session_unload_body (IK_SESSION (slot->item->object));
    }
  ik_question_string_pool_set_thread (NULL);
  return NULL;
}

/* The load's threads yield to the main thread: on a machine with as many
 * processors as workers, the window's frames, and the banks the main
 * thread shows while the sessions load, would otherwise get a processor
 * only every other time slice. Linux applies a nice value to the calling
 * thread alone. */
#define LOAD_THREAD_NICE 5   /* added to the thread's nice value */

void
ik_library_yield_to_main_thread (void)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);
  int nice;

  /* -1 is a valid nice value: errno tells an error. */
  errno = 0;
  nice = getpriority (PRIO_PROCESS, tid);
  if (errno == 0 && setpriority (PRIO_PROCESS, tid, MIN (nice + LOAD_THREAD_NICE, 19)) != 0)
    g_debug ("Could not lower the load thread's priority: %s", g_strerror (errno));
#endif
}

static gpointer
load_thread_worker (gpointer user_data)
{
  ik_library_yield_to_main_thread ();
  return load_worker (user_data);
}

/* Loads slots [work->next, work->end) on every processor, in threads of
 * their own (their priority lowered; the calling thread, from GTask's
 * pool, keeps its own for what it runs next). */
static void
run_load_workers (LoadWork *work)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_workers = CLAMP (g_get_num_processors (), 1, MAX ((work->end - work->next) / 8, 1));

  /* A thread that cannot be created only means less parallelism; with
   * none, this thread does the work. */
  for (guint t = 0; t < n_workers; t++)
    {
      GThread *thread = g_thread_try_new ("ik-library-load", load_thread_worker, work, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  if (threads->len == 0)
    load_worker (work);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

/* The sessions folder listed, and its index read, in a thread of their
 * own while the banks load (neither is needed before the sessions). */
typedef struct
{
  LoadData       *data;
  GArray         *slots;   /* LoadSlot, sessions/ */
  IkLibraryIndex *index;   /* nullable */
} SessionListing;

static void
list_sessions (SessionListing *listing)
{
  list_kind (listing->data, KIND_SESSION, listing->slots);
  listing->index = ik_library_index_read (listing->data->index_path,
                                          listing->data->kind_dirs[KIND_SESSION]);
}

static gpointer
list_sessions_thread (gpointer user_data)
{
  ik_library_yield_to_main_thread ();
  list_sessions (user_data);
  return NULL;
}

/* Whether the index has a line for @item: it vouches for no file whose
 * stamp cannot, nor for what is not written. */
static gboolean
item_has_index_entry (const LoadedItem *item)
{
  return item->has_summary && item->has_stamp && !item->read_only;
}

/* Writes the index of @items (LoadedItem) again, at @index_path for
 * @dir, unless @index (nullable) already says all it would: one entry
 * for each of @n_entries items, @n_indexed of them read as it says. */
static void
write_index_if_stale (const char     *index_path,
                      const char     *dir,
                      IkLibraryIndex *index,
                      GPtrArray      *items,
                      guint           n_entries,
                      guint           n_indexed)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (index != NULL && n_indexed == ik_library_index_get_size (index) && n_indexed == n_entries)
    return;
  entries = ik_library_index_entries_new ();
  for (guint i = 0; i < items->len; i++)
    {
      LoadedItem *item = g_ptr_array_index (items, i);

      if (item_has_index_entry (item))
        g_ptr_array_add (entries, ik_library_index_entry_new (strrchr (item->path, G_DIR_SEPARATOR) + 1,
                                                              &item->stamp, &item->summary));
    }
  ik_library_index_write_async (index_path, dir, g_steal_pointer (&entries));
}

/* Moves the items of slots [from, to) into data->items, in name order as
 * if read one by one: the first file of an id wins. Their problems go to
 * data->problems in the same order. */
static void
take_slots (LoadData   *data,
            GArray     *slots,
            guint       from,
            guint       to,
            GHashTable *seen,
            guint      *n_entries,
            guint      *n_indexed)
{
  for (guint i = from; i < to; i++)
    {
      LoadSlot *slot = &g_array_index (slots, LoadSlot, i);
      LoadedItem *item = slot->item;

      g_ptr_array_extend_and_steal (data->problems, g_steal_pointer (&slot->problems));
      slot->problems = g_ptr_array_new ();
      if (item == NULL)
        continue;

      if (g_hash_table_contains (seen, item->id))
        {
          g_ptr_array_add (data->problems,
                           ik_problem_new (IK_PROBLEM_VALIDATE, slot->path, 0, 0,
                                           _("Another file of the library has the same id; this one is not loaded")));
          continue;
        }
      g_hash_table_add (seen, item->id);
      if (item_has_index_entry (item))
        (*n_entries)++;
      if (item->from_index)
        (*n_indexed)++;
      g_ptr_array_add (data->items[slot->kind], g_steal_pointer (&slot->item));
    }
}

static void take_banks (IkLibrary *self,
                        LoadData  *data);

static gboolean
deliver_banks_cb (gpointer user_data)
{
  GTask *task = user_data;

  take_banks (g_task_get_source_object (task), g_task_get_task_data (task));
  return G_SOURCE_REMOVE;
}

/* Loads banks/, then sessions/, on every processor. The banks go to the
 * main thread as soon as they are read, to be shown while the sessions
 * load. */
static void
load_kinds (GTask    *task,
            LoadData *data)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (LoadSlot));
  g_autoptr(GHashTable) seen_banks = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_sessions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(IkLibraryIndex) index = NULL;
  g_autoptr(IkLibraryIndex) bank_index = NULL;
  guint n_entries = 0, n_bank_entries = 0;
  g_autoptr(GSource) deliver = NULL;
  SessionListing listing = { data, g_array_new (FALSE, FALSE, sizeof (LoadSlot)), NULL };
  GThread *listing_thread;
  LoadWork work = { slots, 0, 0, NULL, NULL };
  guint n_bank_slots;

  g_array_set_clear_func (slots, (GDestroyNotify) load_slot_clear);
  list_kind (data, KIND_BANK, slots);
  n_bank_slots = slots->len;
  work.bank_index = bank_index = ik_library_index_read (data->bank_index_path,
                                                        data->kind_dirs[KIND_BANK]);

  listing_thread = g_thread_try_new ("ik-library-list", list_sessions_thread, &listing, NULL);
  work.end = n_bank_slots;
  run_load_workers (&work);
  if (listing_thread != NULL)
    g_thread_join (listing_thread);
  else
    list_sessions (&listing);   /* at this thread's own priority */
  /* The slots move, without a copy of what they hold. */
  g_array_append_vals (slots, listing.slots->data, listing.slots->len);
  g_array_unref (listing.slots);
  work.index = index = listing.index;

  take_slots (data, slots, 0, n_bank_slots, seen_banks, &n_bank_entries, &data->n_banks_indexed);
  write_index_if_stale (data->bank_index_path, data->kind_dirs[KIND_BANK], bank_index,
                        data->items[KIND_BANK], n_bank_entries, data->n_banks_indexed);

  /* The snapshots of questions in sessions share the strings of the bank
   * questions they were taken from: a pool of those, read-only (so
   * without a lock) while the sessions load, made before the banks go to
   * the main thread. Not needed when every session has an entry in the
   * index (no records read): a session the index then turns out not to
   * vouch for is read whole without sharing, the same content in some
   * more memory until its body goes. */
  for (guint i = n_bank_slots; i < slots->len && work.pool == NULL; i++)
    {
      LoadSlot *slot = &g_array_index (slots, LoadSlot, i);

      if (slot->id != NULL &&
          (index == NULL ||
           ik_library_index_lookup (index, strrchr (slot->path, G_DIR_SEPARATOR) + 1) == NULL))
        work.pool = ik_question_string_pool_new ();
    }
  for (guint i = 0; i < data->items[KIND_BANK]->len && work.pool != NULL; i++)
    {
      LoadedItem *item = g_ptr_array_index (data->items[KIND_BANK], i);
      /* Not the questions still unread: they are read on the main thread. */
      GListModel *questions = ik_bank_peek_questions (IK_BANK (item->object));

      for (guint q = 0; q < g_list_model_get_n_items (questions); q++)
        {
          g_autoptr(IkQuestion) question = g_list_model_get_item (questions, q);

          ik_question_string_pool_add (work.pool, question);
        }
    }

  /* From here on the banks are the main thread's. */
  deliver = g_idle_source_new ();
  g_source_set_priority (deliver, G_PRIORITY_DEFAULT);
  g_source_set_callback (deliver, deliver_banks_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (deliver, "[interview-kit] library banks loaded");
  g_source_attach (deliver, g_task_get_context (task));

  work.next = n_bank_slots;
  work.end = slots->len;
  run_load_workers (&work);
  g_clear_pointer (&work.pool, ik_question_string_pool_free);

  take_slots (data, slots, n_bank_slots, slots->len, seen_sessions, &n_entries, &data->n_indexed);

  /* The index is written again when it no longer describes every
   * session it could: new, changed or removed files. */
  write_index_if_stale (data->index_path, data->kind_dirs[KIND_SESSION], index,
                        data->items[KIND_SESSION], n_entries, data->n_indexed);
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
      item = ik_library_load_document (KIND_BANK, uri, uri, contents, len, NULL, FALSE, data->problems);
      if (item == NULL)
        continue;

      if (g_hash_table_contains (seen, item->id))
        {
          g_ptr_array_add (data->problems,
                           ik_problem_new (IK_PROBLEM_VALIDATE, uri, 0, 0,
                                           _("Another bundled bank has the same id; this one is not loaded")));
          ik_library_loaded_item_free (item);
          continue;
        }
      g_hash_table_add (seen, g_strdup (item->id));
      g_object_set (item->object, "origin", IK_BANK_ORIGIN_BUNDLED, NULL);
      g_ptr_array_add (data->bundled, g_object_ref (item->object));
      ik_library_loaded_item_free (item);
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
  load_kinds (task, data);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

/* Loading (main thread) *******************************************************/

#ifdef __GLIBC__
static gpointer
trim_thread (gpointer data)
{
  malloc_trim (0);
  return NULL;
}
#endif

/* The load freed the JSON trees and the session bodies it checked file by
 * file, in the workers' arenas: their memory goes back to the system, but
 * a second after the library is shown rather than on the way to its first
 * frame (trimming every arena takes tens of milliseconds of system calls). */
static gboolean
trim_later_cb (gpointer user_data)
{
  IkLibrary *self = user_data;

  self->trim_id = 0;
#ifdef __GLIBC__
  {
    GThread *thread = g_thread_try_new ("ik-library-trim", trim_thread, NULL, NULL);

    if (thread != NULL)
      g_thread_unref (thread);
    else
      malloc_trim (0);
  }
#endif
  return G_SOURCE_REMOVE;
}

/* The banks, in the list as soon as they are read (the sessions are
 * still loading); once. */
static void
take_banks (IkLibrary *self,
            LoadData  *data)
{
  g_autoptr(GPtrArray) banks = g_ptr_array_new ();
  g_autoptr(GHashTable) user_banks = g_hash_table_new (g_str_hash, g_str_equal);

  if (data->banks_taken)
    return;
  data->banks_taken = TRUE;
  /* Before anything can be edited: a bank edited now in a folder that
   * cannot be written is refused with the reason, as after the load. */
  self->kind_locked[KIND_BANK] = g_steal_pointer (&data->kind_locked[KIND_BANK]);

  for (guint i = 0; i < data->items[KIND_BANK]->len; i++)
    {
      LoadedItem *item = g_ptr_array_index (data->items[KIND_BANK], i);

      ik_library_track_loaded_item (self, item);
      g_hash_table_insert (user_banks, item->id, item->object);
    }

  /* Bundled banks first, each one replaced by the user's copy if any. */
  for (guint i = 0; i < data->bundled->len; i++)
    {
      GObject *bank = g_ptr_array_index (data->bundled, i);
      g_autofree char *id = ik_library_object_dup_string (bank, "id");
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

  g_list_store_splice (self->banks, 0, 0, banks->pdata, banks->len);
}

/* A bank whose questions the index let the load pass over, and that
 * could not read them after all: told once, never written, and the next
 * load reads every bank whole. */
static void
report_lost_questions (IkLibrary *self,
                       IkBank    *bank)
{
  Entry *entry = g_hash_table_lookup (self->entries, bank);
  g_autofree char *index_path = NULL;
  IkFileStamp now;
  gboolean changed;

  if (entry == NULL || entry->read_only)
    return;
  /* Another program changed the file since the load: the monitor reads
   * it whole and the bank is whole again, nothing to tell. */
  g_mutex_lock (&self->io_lock);
  changed = !entry->on_disk || !ik_file_store_stat (entry->path, &now, NULL) ||
            !ik_file_stamp_equal (&now, &entry->disk_stamp);
  g_mutex_unlock (&self->io_lock);
  if (changed)
    return;
  entry->read_only = TRUE;
  ik_library_add_problem (self, IK_PROBLEM_PARSE, entry->path, 0, 0,
                          _("The questions of this bank could not be read; it is shown read-only and its file is left as it is. Restart Interview Kit to read it again."));
  index_path = ik_library_index_path (self->kind_dirs[KIND_BANK]);
  g_unlink (index_path);
}

/* The questions of the banks the index vouched for, read once the library
 * is shown, a bank at a time in idle time (a few milliseconds each): the
 * bank on screen, or any that something needs, reads its own at once. */
static gboolean
load_questions_cb (gpointer user_data)
{
  IkLibrary *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->banks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (G_LIST_MODEL (self->banks), i);
      gboolean pending = ik_bank_has_pending_questions (bank);

      /* Read now, or before by whatever needed them. */
      if (!ik_bank_load_questions (bank))
        report_lost_questions (self, bank);
      if (pending)
        return G_SOURCE_CONTINUE;
    }
  self->questions_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * ik_library_load_questions:
 * @self: a library
 *
 * Reads now the questions of every bank that the load left unread and
 * idle time has not read yet: for what needs all of them at once (a
 * search). Cheap once they are read.
 */
void
ik_library_load_questions (IkLibrary *self)
{
  guint source;

  g_return_if_fail (IK_IS_LIBRARY (self));

  source = self->questions_id;
  if (source == 0)
    return;
  while (load_questions_cb (self) == G_SOURCE_CONTINUE)
    ;
  g_source_remove (source);
}

/**
 * ik_library_has_pending_questions:
 * @self: a library
 *
 * Returns: whether banks loaded are still reading their questions in idle
 *   time (tests, benchmarks)
 */
gboolean
ik_library_has_pending_questions (IkLibrary *self)
{
  return self->questions_id != 0;
}

static void
load_done (IkLibrary *self,
           LoadData  *data)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new ();

  take_banks (self, data);

  for (guint i = 0; i < data->items[KIND_SESSION]->len; i++)
    {
      LoadedItem *item = g_ptr_array_index (data->items[KIND_SESSION], i);

      ik_library_track_loaded_item (self, item);
      g_ptr_array_add (sessions, item->object);
    }

  g_list_store_splice (self->problems, 0, 0, data->problems->pdata, data->problems->len);
  g_list_store_splice (self->sessions, 0, 0, sessions->pdata, sessions->len);

  self->kind_locked[KIND_SESSION] = g_steal_pointer (&data->kind_locked[KIND_SESSION]);

  g_debug ("Library %s loaded: %u banks (%u bundled), %u sessions, %u problems",
           self->dir, data->items[KIND_BANK]->len, data->bundled->len,
           data->items[KIND_SESSION]->len, data->problems->len);

  self->n_indexed = data->n_indexed;
  ik_library_start_monitors (self);
  self->loading = FALSE;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), ik_library_properties[PROP_LOADED]);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  self->trim_id = g_timeout_add (1000, trim_later_cb, self);
  g_clear_handle_id (&self->questions_id, g_source_remove);
  self->questions_id = g_idle_add_full (G_PRIORITY_LOW, load_questions_cb, self, NULL);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->questions_id),
                            "[interview-kit] bank questions");
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
 * bank and session in a worker thread. The banks are in
 * ik_library_get_banks() as soon as they are read, while the sessions are
 * still being read; IkLibrary:loaded turns %TRUE when everything is. Files
 * that cannot be used are listed in ik_library_get_problems(). A library
 * is loaded once.
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
  data->index_path = ik_library_index_path (self->kind_dirs[KIND_SESSION]);
  data->bank_index_path = ik_library_index_path (self->kind_dirs[KIND_BANK]);
  data->items[0] = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_library_loaded_item_free);
  data->items[1] = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_library_loaded_item_free);
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
