/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library-index.c: the index of session files, so that a start does
 * not read the bodies of interviews nobody changed.
 *
 * The load reads every session file whole, checks it and lets its body go
 * (ik_session_unload_body()), keeping a summary (IkSessionSummary). The
 * index keeps, for each session file, its stamp (IkFileStamp) when it was
 * read, that summary, and where the body lies in the file. The next load
 * reads a file whose stamp is still the same (any write changes it; the
 * status change time cannot be set back) without its body: only the
 * header is read and checked, the body is passed over, and it is read and
 * checked whole when the interview is opened.
 *
 * It lives in the user's cache folder, never in the library (which a sync
 * client may carry to other machines), one file per library folder,
 * written whole by rename. It holds no candidate data: file names (random
 * ids), stamps, offsets, question ids and submission times. A file that is
 * missing, damaged, from another version or for another folder is
 * ignored, and a lie in it costs nothing but a slower load: an entry is
 * only used for the file whose stamp it names, and a body that is not
 * where it says fails the read, which then reads the file whole. */
#include "config.h"

#include "ik-library-private.h"
#include "ik-json.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

/* Bumped when the format below, or what a summary means, changes. */
#define INDEX_MAGIC "interview-kit-library-index"
#define INDEX_VERSION 1
/* A line "<magic> <version> <sessions folder, escaped>", then one line per
 * entry, its fields separated by tabs: name, dev, ino, size, mtime_ns,
 * ctime_ns, records start, end, scorecard start, end, records, altered
 * (0 or 1), submitted (ISO 8601, or "-"), question ids separated by
 * commas. Text read with strtoull() costs a few hundred instructions per
 * entry; GVariant (checked, as a file from disk must be) costs some tens of
 * thousands. */
#define INDEX_FIELDS 14

struct _IkLibraryIndex
{
  /* file name -> IkLibraryIndexEntry */
  GHashTable *entries;
};

/* Waiting for writes in flight (tests): how many there are. */
static GMutex writes_lock;
static GCond writes_cond;
static guint n_writes;

static void
index_entry_free (IkLibraryIndexEntry *entry)
{
  g_free (entry->name);
  ik_session_summary_clear (&entry->summary);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IkLibraryIndexEntry, index_entry_free)

/**
 * ik_library_index_path:
 * @sessions_dir: the sessions folder of a library
 *
 * Returns: (transfer full): where the index of @sessions_dir is kept
 */
char *
ik_library_index_path (const char *sessions_dir)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sessions_dir, -1);

  /* The first 128 bits name it well enough. */
  hash[32] = '\0';
  return g_build_filename (g_get_user_cache_dir (), APP_ID, "library-index",
                           hash, NULL);
}

/* Decimal digits and nothing else, within 64 bits. By hand: the index
 * has eleven numbers a line, and g_ascii_strtoull() took 230
 * instructions for each (4 M of the 22 M to read 2,000 entries). */
static gboolean
parse_u64 (const char *text,
           guint64    *value)
{
  guint64 v = 0;
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      guint digit = (guint) (*p - '0');

      if (v > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      v = v * 10 + digit;
    }
  if (*p != '\0')
    return FALSE;
  *value = v;
  return TRUE;
}

/* The same, with a minus sign allowed, within a gint64. */
static gboolean
parse_i64 (const char *text,
           gint64     *value)
{
  gboolean negative = text[0] == '-';
  guint64 magnitude;

  if (!parse_u64 (negative ? text + 1 : text, &magnitude))
    return FALSE;
  if (magnitude > (guint64) G_MAXINT64 + (negative ? 1 : 0))
    return FALSE;
  if (!negative)
    *value = (gint64) magnitude;
  else
    *value = magnitude == 0 ? 0 : -(gint64) (magnitude - 1) - 1;
  return TRUE;
}

/* @field split at commas, as g_strsplit() would, each part checked as an
 * id: NULL when one is not. Without g_strsplit()'s list of parts. */
static char **
parse_ids (const char *field)
{
  guint n = 1;
  g_auto(GStrv) ids = NULL;
  const char *start = field;

  for (const char *c = field; *c != '\0'; c++)
    n += *c == ',';
  ids = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *end = strchr (start, ',');
      gsize len = end != NULL ? (gsize) (end - start) : strlen (start);

      ids[i] = g_strndup (start, len);
      if (!ik_id_is_valid (ids[i]))
        return NULL;
      start += len + 1;
    }
  return g_steal_pointer (&ids);
}

/* One line of the index, or NULL when it is not one. */
static IkLibraryIndexEntry *
parse_entry (char *line)
{
  g_autoptr(IkLibraryIndexEntry) entry = g_new0 (IkLibraryIndexEntry, 1);
  IkSessionSummary *summary = &entry->summary;
  char *fields[INDEX_FIELDS];
  guint64 values[9];
  guint n = 0;
  char *p = line;

  for (n = 0; n < INDEX_FIELDS; n++)
    {
      char *tab = strchr (p, '\t');

      fields[n] = p;
      if (tab == NULL)
        break;
      *tab = '\0';
      p = tab + 1;
    }
  if (n != INDEX_FIELDS - 1)
    return NULL;

  /* dev, ino, size; records start, end, scorecard start, end; records;
   * altered */
  if (!parse_u64 (fields[1], &values[0]) || !parse_u64 (fields[2], &values[1]) ||
      !parse_u64 (fields[3], &values[2]) ||
      !parse_i64 (fields[4], &entry->stamp.mtime_ns) || !parse_i64 (fields[5], &entry->stamp.ctime_ns) ||
      !parse_u64 (fields[6], &values[3]) || !parse_u64 (fields[7], &values[4]) ||
      !parse_u64 (fields[8], &values[5]) || !parse_u64 (fields[9], &values[6]) ||
      !parse_u64 (fields[10], &values[7]) || !parse_u64 (fields[11], &values[8]) ||
      values[7] > G_MAXUINT || values[8] > 1 ||
      !g_str_has_suffix (fields[0], ".json"))
    return NULL;

  entry->name = g_strdup (fields[0]);
  entry->stamp.dev = values[0];
  entry->stamp.ino = values[1];
  entry->stamp.size = values[2];
  summary->records_start = values[3];
  summary->records_end = values[4];
  summary->scorecard_start = values[5];
  summary->scorecard_end = values[6];
  summary->n_records = values[7];
  summary->altered = values[8] == 1;
  if (strcmp (fields[12], "-") != 0 &&
      (summary->submitted = g_date_time_new_from_iso8601 (fields[12], NULL)) == NULL)
    return NULL;
  summary->question_ids = fields[13][0] != '\0' ? parse_ids (fields[13]) : g_new0 (char *, 1);
  if (summary->question_ids == NULL)
    return NULL;
  return g_steal_pointer (&entry);
}

/**
 * ik_library_index_read:
 * @path: an index file
 * @sessions_dir: the sessions folder it must be for
 *
 * Returns: (transfer full) (nullable): the index, or %NULL when there is
 *   none that can be used
 */
IkLibraryIndex *
ik_library_index_read (const char *path,
                       const char *sessions_dir)
{
  g_autofree char *contents = NULL;
  g_autofree char *escaped = g_strescape (sessions_dir, NULL);
  g_autofree char *header = g_strdup_printf ("%s %d %s", INDEX_MAGIC, INDEX_VERSION, escaped);
  IkLibraryIndex *index;
  gsize length = 0;
  char *line;
  char *next;

  if (!g_file_get_contents (path, &contents, &length, NULL) ||
      memchr (contents, '\0', length) != NULL)
    return NULL;
  next = strchr (contents, '\n');
  if (next == NULL)
    return NULL;
  *next++ = '\0';
  if (strcmp (contents, header) != 0)
    return NULL;

  index = g_new0 (IkLibraryIndex, 1);
  index->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) index_entry_free);
  for (line = next; line != NULL && *line != '\0'; line = next)
    {
      IkLibraryIndexEntry *entry;

      next = strchr (line, '\n');
      /* The last line is whole only with its newline. */
      if (next == NULL)
        break;
      *next++ = '\0';
      entry = parse_entry (line);
      if (entry == NULL || g_hash_table_contains (index->entries, entry->name))
        {
          g_clear_pointer (&entry, index_entry_free);
          continue;
        }
      g_hash_table_insert (index->entries, entry->name, entry);
    }
  return index;
}

void
ik_library_index_free (IkLibraryIndex *index)
{
  g_hash_table_unref (index->entries);
  g_free (index);
}

/**
 * ik_library_index_lookup:
 * @index: an index
 * @name: the name of a file of its sessions folder
 *
 * Returns: (transfer none) (nullable): what the index knows of @name
 */
const IkLibraryIndexEntry *
ik_library_index_lookup (IkLibraryIndex *index,
                         const char     *name)
{
  return g_hash_table_lookup (index->entries, name);
}

guint
ik_library_index_get_size (IkLibraryIndex *index)
{
  return g_hash_table_size (index->entries);
}

/**
 * ik_library_index_entry_new:
 * @name: a file name
 * @stamp: its stamp when it was read
 * @summary: what was read
 *
 * Returns: (transfer full): an entry, with copies of everything
 */
IkLibraryIndexEntry *
ik_library_index_entry_new (const char             *name,
                            const IkFileStamp      *stamp,
                            const IkSessionSummary *summary)
{
  IkLibraryIndexEntry *entry = g_new0 (IkLibraryIndexEntry, 1);

  entry->name = g_strdup (name);
  entry->stamp = *stamp;
  ik_session_summary_copy (&entry->summary, summary);
  return entry;
}

typedef struct
{
  char      *path;
  char      *sessions_dir;
  GPtrArray *entries;   /* IkLibraryIndexEntry */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free (data->sessions_dir);
  g_ptr_array_unref (data->entries);
  g_free (data);
}

static gboolean
write_index (WriteData  *data,
             GError    **error)
{
  g_autofree char *escaped = g_strescape (data->sessions_dir, NULL);
  g_autoptr(GString) out = g_string_sized_new (256 * (data->entries->len + 1));
  g_autofree char *dir = g_path_get_dirname (data->path);

  g_string_append_printf (out, "%s %d %s\n", INDEX_MAGIC, INDEX_VERSION, escaped);
  for (guint i = 0; i < data->entries->len; i++)
    {
      IkLibraryIndexEntry *entry = g_ptr_array_index (data->entries, i);
      const IkSessionSummary *summary = &entry->summary;
      g_autofree char *submitted = summary->submitted != NULL
                                   ? g_date_time_format_iso8601 (summary->submitted) : NULL;
      g_autofree char *ids = summary->question_ids != NULL
                             ? g_strjoinv (",", summary->question_ids) : NULL;

      /* Names are ids with ".json", question ids are ids; an entry that
       * could break a line is left out (and its file read whole). */
      gboolean writable = strpbrk (entry->name, "\t\n\r") == NULL;

      for (guint j = 0; writable && summary->question_ids != NULL && summary->question_ids[j] != NULL; j++)
        writable = ik_id_is_valid (summary->question_ids[j]);
      if (!writable)
        continue;

      g_string_append_printf (out,
                              "%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT
                              "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                              "\t%" G_GSIZE_FORMAT "\t%" G_GSIZE_FORMAT "\t%" G_GSIZE_FORMAT "\t%" G_GSIZE_FORMAT
                              "\t%u\t%d\t%s\t%s\n",
                              entry->name, entry->stamp.dev, entry->stamp.ino, entry->stamp.size,
                              entry->stamp.mtime_ns, entry->stamp.ctime_ns,
                              summary->records_start, summary->records_end,
                              summary->scorecard_start, summary->scorecard_end,
                              summary->n_records, summary->altered ? 1 : 0,
                              submitted != NULL ? submitted : "-", ids != NULL ? ids : "");
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* A cache: a crash may leave an old or a damaged one, which the next
   * load ignores. */
  return g_file_set_contents_full (data->path, out->str, out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gpointer
write_thread (gpointer user_data)
{
  WriteData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!write_index (data, &error))
    g_debug ("The library index %s was not written: %s", data->path, error->message);
  write_data_free (data);

  g_mutex_lock (&writes_lock);
  n_writes--;
  g_cond_broadcast (&writes_cond);
  g_mutex_unlock (&writes_lock);
  return NULL;
}

/* Written while the window shows the library just loaded. */
static gpointer
write_thread_own (gpointer user_data)
{
  ik_library_yield_to_main_thread ();
  return write_thread (user_data);
}

/**
 * ik_library_index_write_async:
 * @path: where to write the index
 * @sessions_dir: the sessions folder it is for
 * @entries: (transfer full): its IkLibraryIndexEntry, in name order
 *
 * Writes the index in a thread of its own; failures are only logged (the
 * next load reads the files whole).
 */
void
ik_library_index_write_async (const char *path,
                              const char *sessions_dir,
                              GPtrArray  *entries)
{
  WriteData *data = g_new0 (WriteData, 1);
  GThread *thread;

  data->path = g_strdup (path);
  data->sessions_dir = g_strdup (sessions_dir);
  data->entries = entries;

  g_mutex_lock (&writes_lock);
  n_writes++;
  g_mutex_unlock (&writes_lock);

  thread = g_thread_try_new ("ik-library-index", write_thread_own, data, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    write_thread (data);
}

/**
 * ik_library_index_wait:
 *
 * Waits until no index is being written (tests).
 */
void
ik_library_index_wait (void)
{
  g_mutex_lock (&writes_lock);
  while (n_writes > 0)
    g_cond_wait (&writes_cond, &writes_lock);
  g_mutex_unlock (&writes_lock);
}

GPtrArray *
ik_library_index_entries_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) index_entry_free);
}
