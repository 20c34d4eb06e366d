/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean ik_file_store_write          (const char   *path,
                                       const char   *data,
                                       gsize         len,
                                       GError      **error);

/**
 * IkFileStamp:
 * @dev: the device of the file
 * @ino: its inode
 * @size: its size in bytes
 * @mtime_ns: its modification time, in nanoseconds since the epoch
 * @ctime_ns: its status change time, in nanoseconds since the epoch
 * @taken_ns: when the stamp was taken (real time, nanoseconds); not part
 *   of the comparison
 * @mode: its type and permission bits (st_mode); not part of the
 *   comparison
 *
 * What fstat() said about a file when it was read. Every write to the file
 * (in place, or a new file renamed over it) changes at least one of these,
 * so an equal stamp means the file still holds the bytes that were read.
 * An unequal stamp does not prove the contents differ.
 */
typedef struct
{
  guint64 dev;
  guint64 ino;
  guint64 size;
  gint64  mtime_ns;
  gint64  ctime_ns;
  gint64  taken_ns;
  guint32 mode;
} IkFileStamp;

gboolean ik_file_store_read           (const char   *path,
                                       gsize         max_size,
                                       char        **contents,
                                       gsize        *len,
                                       GError      **error);
gboolean ik_file_store_read_stamped   (const char   *path,
                                       gsize         max_size,
                                       char        **contents,
                                       gsize        *len,
                                       IkFileStamp  *stamp,
                                       GError      **error);
gboolean ik_file_store_read_repaired  (const char   *path,
                                       gsize         max_size,
                                       char        **contents,
                                       gsize        *len,
                                       IkFileStamp  *stamp,
                                       GError      **error);
gboolean ik_file_store_read_around    (const char        *path,
                                       gsize              max_size,
                                       const IkFileStamp *known,
                                       const gsize       *holes,
                                       guint              n_holes,
                                       GBytes           **bytes,
                                       IkFileStamp       *stamp,
                                       gboolean          *read_around,
                                       GError           **error);
gboolean ik_file_store_read_range     (const char        *path,
                                       const IkFileStamp *known,
                                       gsize              start,
                                       gsize              end,
                                       GBytes           **bytes,
                                       GError           **error);
gboolean ik_file_stamp_equal          (const IkFileStamp *a,
                                       const IkFileStamp *b);
gboolean ik_file_store_stat           (const char   *path,
                                       IkFileStamp  *stamp,
                                       GError      **error);
gboolean ik_file_store_ensure_dir     (const char   *path,
                                       GError      **error);
gboolean ik_file_store_repair_mode    (const char   *path);
gboolean ik_file_store_is_temp_name   (const char   *name);
gboolean ik_file_store_temp_is_stale  (const char   *dir,
                                       const char   *name);

/**
 * IK_FILE_STORE_ERROR:
 *
 * Errors of ik_file_store_replace() beyond the system's own (G_IO_ERROR).
 */
#define IK_FILE_STORE_ERROR (ik_file_store_error_quark ())
GQuark ik_file_store_error_quark (void);

/**
 * IkFileStoreError:
 * @IK_FILE_STORE_ERROR_CHANGED: the file is not the one the caller last
 *   read or wrote: another program changed it; nothing was written
 */
typedef enum
{
  IK_FILE_STORE_ERROR_CHANGED,
} IkFileStoreError;

/**
 * IkReplace:
 * @expected: (in): the stamp of the file as the caller last read or wrote
 *   it; ignored when @expected_exists is %FALSE
 * @expected_exists: (in): %FALSE when the file must not exist yet
 * @expected_contents: (in) (nullable): the bytes the caller last read or
 *   wrote, compared when the stamp differs (a touch, or a rewrite with the
 *   same bytes, is not a change)
 * @max_size: (in): the largest current file read back on a change
 * @stamp: (out): the stamp of the file written
 * @current: (out) (nullable): on %IK_FILE_STORE_ERROR_CHANGED, what the
 *   file holds now
 * @current_stamp: (out): its stamp
 * @displaced: (out) (nullable): a file another program put in place while
 *   the new one was being renamed in: kept aside under this name
 *
 * The arguments of one guarded replace. Free the outputs with
 * ik_replace_clear().
 */
typedef struct
{
  IkFileStamp expected;
  gboolean    expected_exists;
  GBytes     *expected_contents;
  gsize       max_size;
  IkFileStamp stamp;
  GBytes     *current;
  IkFileStamp current_stamp;
  char       *displaced;
} IkReplace;

char    *ik_file_store_conflict_path  (const char   *path);
int      ik_file_store_rename_noreplace (const char *from,
                                       const char   *to);
void     ik_replace_clear             (IkReplace    *replace);
gboolean ik_file_store_replace        (const char   *path,
                                       const char   *data,
                                       gsize         len,
                                       IkReplace    *replace,
                                       GError      **error);

/**
 * IkFileState:
 * @exists: whether the file existed when last read or written
 * @stamp: its stamp then
 * @bytes: (nullable): its bytes then
 *
 * A small file as its one owner last read or wrote it, for
 * ik_file_store_save_merging(). Clear with ik_file_state_clear().
 */
typedef struct
{
  gboolean    exists;
  IkFileStamp stamp;
  GBytes     *bytes;
} IkFileState;

void     ik_file_state_clear          (IkFileState  *state);
gboolean ik_file_store_load_state     (const char   *path,
                                       gsize         max_size,
                                       IkFileState  *state,
                                       GError      **error);

/* Writes what @serialize gives; when the file changed since @state (another
 * writer), @merge takes its current bytes in (NULL: the file is gone) and
 * the save is tried again, a few times at most. */
typedef char    *(*IkSerializeFunc) (gpointer      data,
                                     gsize        *length,
                                     GError      **error);
typedef gboolean (*IkMergeFunc)     (gpointer      data,
                                     GBytes       *current,
                                     GError      **error);
gboolean ik_file_store_save_merging   (const char     *path,
                                       gsize           max_size,
                                       IkFileState    *state,
                                       IkSerializeFunc serialize,
                                       IkMergeFunc     merge,
                                       gpointer        data,
                                       GError        **error);

G_END_DECLS
