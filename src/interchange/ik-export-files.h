/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-export-files.h: files that leave the application, and files that come in.
 *
 * What the window and the command line share: the bytes of a bank in each
 * export format, writing an export atomically (in a worker thread for the
 * UI, which must never wait on a disk), and reading a file to import under
 * the one import size cap, IK_LIMIT_IMPORT_SIZE.
 */
#pragma once

#include <gio/gio.h>

#include "ik-bank.h"

G_BEGIN_DECLS

/**
 * IkBankFormat:
 * @IK_BANK_FORMAT_JSON: the bank file itself (`*.ikbank.json`)
 * @IK_BANK_FORMAT_MARKDOWN: readable and lossless Markdown (`*.md`)
 * @IK_BANK_FORMAT_GUIDE: a plain-text interview guide (`*.txt`)
 *
 * The formats a bank is exported in.
 */
typedef enum
{
  IK_BANK_FORMAT_JSON,
  IK_BANK_FORMAT_MARKDOWN,
  IK_BANK_FORMAT_GUIDE,
} IkBankFormat;

gboolean  ik_bank_format_from_name        (const char           *name,
                                           IkBankFormat         *format);
char     *ik_bank_export_default_filename (IkBank               *bank,
                                           IkBankFormat          format);
GBytes   *ik_bank_export_bytes            (IkBank               *bank,
                                           IkBankFormat          format,
                                           GError              **error);
void      ik_bank_export_file_async       (IkBank               *bank,
                                           IkBankFormat          format,
                                           GFile                *file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  ik_bank_export_file_finish      (GAsyncResult         *result,
                                           GError              **error);

gboolean  ik_export_write_file            (GFile                *file,
                                           GBytes               *bytes,
                                           GError              **error);
void      ik_export_write_file_async      (GFile                *file,
                                           GBytes               *bytes,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  ik_export_write_file_finish     (GAsyncResult         *result,
                                           GError              **error);

GBytes   *ik_import_read_file             (GFile                *file,
                                           GCancellable         *cancellable,
                                           GError              **error);
void      ik_import_read_file_async       (GFile                *file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GBytes   *ik_import_read_file_finish      (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
