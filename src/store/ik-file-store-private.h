/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-file-store-private.h: the file store's hooks for tests, which make a
 * disk full, a write fail at any step, or another program write between
 * two steps of a save. Not for the application. */
#pragma once

#include "ik-file-store.h"

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

gboolean ik_file_store_write_default  (const char   *path,
                                       const char   *data,
                                       gsize         len,
                                       GError      **error);
void     ik_file_store_set_write_func (IkWriteFunc   func);
void     ik_file_store_set_fault_hook (IkFaultHook   hook,
                                       gpointer      user_data);

G_END_DECLS
