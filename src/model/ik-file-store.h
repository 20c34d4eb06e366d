/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * IkSaveStep:
 * @IK_SAVE_STEP_OPEN: creating the temporary file next to the target
 * @IK_SAVE_STEP_WRITE: writing the data into the temporary file
 * @IK_SAVE_STEP_FSYNC: flushing the temporary file to the disk
 * @IK_SAVE_STEP_RENAME: renaming the temporary file over the target
 *
 * The steps of a save, in order. A fault hook can make any of them fail.
 */
typedef enum
{
  IK_SAVE_STEP_OPEN,
  IK_SAVE_STEP_WRITE,
  IK_SAVE_STEP_FSYNC,
  IK_SAVE_STEP_RENAME,
} IkSaveStep;

/**
 * IkWriteFunc:
 *
 * Writes @len bytes of @data to @path atomically: afterwards the file holds
 * either its previous contents or all of @data, never a mix.
 */
typedef gboolean (*IkWriteFunc) (const char  *path,
                                 const char  *data,
                                 gsize        len,
                                 GError     **error);

/**
 * IkFaultHook:
 *
 * Called by the default write function before each @step of a save of
 * @path. Returning an errno value (ENOSPC, EACCES, EIO, ...) makes that step
 * fail as if the system had returned it; returning 0 lets it run.
 */
typedef int (*IkFaultHook) (IkSaveStep  step,
                            const char *path,
                            gpointer    user_data);

gboolean ik_file_store_write          (const char   *path,
                                       const char   *data,
                                       gsize         len,
                                       GError      **error);
gboolean ik_file_store_write_default  (const char   *path,
                                       const char   *data,
                                       gsize         len,
                                       GError      **error);
void     ik_file_store_set_write_func (IkWriteFunc   func);
void     ik_file_store_set_fault_hook (IkFaultHook   hook,
                                       gpointer      user_data);

/**
 * IkFileStamp:
 * @dev: the device of the file
 * @ino: its inode
 * @size: its size in bytes
 * @mtime_ns: its modification time, in nanoseconds since the epoch
 * @ctime_ns: its status change time, in nanoseconds since the epoch
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
gboolean ik_file_stamp_equal          (const IkFileStamp *a,
                                       const IkFileStamp *b);
gboolean ik_file_store_ensure_dir     (const char   *path,
                                       GError      **error);
gboolean ik_file_store_repair_mode    (const char   *path);
gboolean ik_file_store_is_temp_name   (const char   *name);

G_END_DECLS
