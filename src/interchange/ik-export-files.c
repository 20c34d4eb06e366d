/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-export-files.c: the bytes of a bank export, writing exports and
 * reading imports.
 *
 * Model objects belong to the main thread, so the asynchronous exports
 * serialise in the caller's thread (a few milliseconds even for a large
 * bank) and only the write, whose fsync can take seconds on a slow or
 * sleeping disk, runs in a worker.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-bank-export.h"
#include "ik-export-files.h"
#include "ik-file-store.h"
#include "ik-guide-import.h"
#include "ik-json.h"
#include "ik-limits.h"

/**
 * ik_bank_format_from_name:
 * @name: "json"; "markdown" or "md"; "guide" or "txt"
 * @format: (out): the format
 *
 * The command line names formats by what they are, the bank menu by their
 * file extension: both are understood.
 *
 * Returns: whether @name is a bank format
 */
gboolean
ik_bank_format_from_name (const char   *name,
                          IkBankFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (name, "json") == 0)
    *format = IK_BANK_FORMAT_JSON;
  else if (g_strcmp0 (name, "markdown") == 0 || g_strcmp0 (name, "md") == 0)
    *format = IK_BANK_FORMAT_MARKDOWN;
  else if (g_strcmp0 (name, "guide") == 0 || g_strcmp0 (name, "txt") == 0)
    *format = IK_BANK_FORMAT_GUIDE;
  else
    return FALSE;
  return TRUE;
}

/**
 * ik_bank_export_default_filename:
 *
 * Returns: (transfer full): the bank's title made safe as a file name,
 *   with the extension of @format (`.ikbank.json`, `.md`, `.txt`)
 */
char *
ik_bank_export_default_filename (IkBank       *bank,
                                 IkBankFormat  format)
{
  g_autofree char *title = NULL;
  const char *extension = ".txt";

  g_return_val_if_fail (IK_IS_BANK (bank), NULL);

  title = g_strdup (ik_bank_get_title (bank));
  g_strdelimit (title, "/\\:", '-');
  /* A leading dot would hide the file. */
  if (title[0] == '\0' || title[0] == '.')
    {
      g_free (title);
      /* Translators: the file name of an exported bank without a title */
      title = g_strdup (_("Bank"));
    }
  if (format == IK_BANK_FORMAT_JSON)
    extension = ".ikbank.json";
  else if (format == IK_BANK_FORMAT_MARKDOWN)
    extension = ".md";
  return g_strconcat (title, extension, NULL);
}

/**
 * ik_bank_export_bytes:
 * @bank: a bank
 * @format: the format to export in
 * @error: return location for an error
 *
 * The bytes of @bank in @format: the bank file (ik_bank_to_json() through
 * ik_json_to_data(), which refuses a bank too large to be read back),
 * ik_bank_to_markdown() or ik_bank_to_guide_text().
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
ik_bank_export_bytes (IkBank        *bank,
                      IkBankFormat   format,
                      GError       **error)
{
  char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (IK_IS_BANK (bank), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case IK_BANK_FORMAT_JSON:
      {
        g_autoptr(JsonNode) root = ik_bank_to_json (bank);

        data = ik_json_to_data (root, &length, error);
        if (data == NULL)
          return NULL;
      }
      break;
    case IK_BANK_FORMAT_MARKDOWN:
      data = ik_bank_to_markdown (bank);
      length = strlen (data);
      break;
    case IK_BANK_FORMAT_GUIDE:
      data = ik_bank_to_guide_text (bank);
      length = strlen (data);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_bytes_new_take (data, length);
}

/**
 * ik_export_write_file:
 * @file: a local file
 * @bytes: what to write
 * @error: return location for an error
 *
 * Writes @bytes to @file atomically, like every file of the library
 * (ik_file_store_write()): afterwards @file holds either what it held
 * before or all of @bytes, never part of them. Blocks until the data is on
 * the disk: the UI calls ik_export_write_file_async().
 *
 * Returns: whether the file was written
 */
gboolean
ik_export_write_file (GFile   *file,
                      GBytes  *bytes,
                      GError **error)
{
  g_autofree char *path = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The atomic write needs a folder to create the temporary file in; a
   * remote location (a URI without a FUSE path) has none. */
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only local files can be written."));
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &length);
  return ik_file_store_write (path, data != NULL ? data : "", length, error);
}

typedef struct
{
  GFile  *file;
  GBytes *bytes;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  /* The last moment to stop: the write itself is atomic. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (ik_export_write_file (job->file, job->bytes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_write (GTask  *task,
           GFile  *file,
           GBytes *bytes)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->file = g_object_ref (file);
  job->bytes = g_bytes_ref (bytes);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  /* A file written before the cancellation came is reported as written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

/**
 * ik_export_write_file_async:
 * @file: a local file
 * @bytes: what to write
 * @cancellable: (nullable): stops the export before the write starts;
 *   nothing is written then
 *
 * ik_export_write_file() in a worker thread.
 */
void
ik_export_write_file_async (GFile               *file,
                            GBytes              *bytes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_export_write_file_async);
  g_task_set_name (task, "[interview-kit] export");
  run_write (task, file, bytes);
}

/**
 * ik_export_write_file_finish:
 *
 * Returns: whether the file was written; %G_IO_ERROR_CANCELLED when the
 *   write was cancelled before it started
 */
gboolean
ik_export_write_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_export_write_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ik_bank_export_file_async:
 * @bank: a bank
 * @format: the format to export in
 * @file: a local file
 * @cancellable: (nullable): stops the export before the write starts
 *
 * Exports @bank: ik_bank_export_bytes() now, in the caller's thread (the
 * bank belongs to it), then ik_export_write_file() in a worker thread.
 */
void
ik_bank_export_file_async (IkBank              *bank,
                           IkBankFormat         format,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  g_return_if_fail (IK_IS_BANK (bank));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_bank_export_file_async);
  g_task_set_name (task, "[interview-kit] bank export");
  bytes = ik_bank_export_bytes (bank, format, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  run_write (task, file, bytes);
}

/**
 * ik_bank_export_file_finish:
 *
 * Returns: whether the file was written
 */
gboolean
ik_bank_export_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_bank_export_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ik_import_read_file:
 * @file: a guide, Markdown or bank file the user chose
 * @cancellable: (nullable): stops the read
 * @error: return location for an error
 *
 * Reads a file to import. Anything but a regular file is refused
 * (%G_IO_ERROR_NOT_REGULAR_FILE), and so is a file larger than
 * %IK_LIMIT_IMPORT_SIZE (%IK_IMPORT_ERROR_TOO_LARGE), before it is read
 * into memory. Follows symbolic links: the user chose the file.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error
 *   set
 */
GBytes *
ik_import_read_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("This is not a regular file."));
      return NULL;
    }
  if (g_file_info_get_size (info) > IK_LIMIT_IMPORT_SIZE)
    goto too_large;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  /* The file may have grown since it was measured. */
  if (length > IK_LIMIT_IMPORT_SIZE)
    {
      g_free (contents);
      goto too_large;
    }
  return g_bytes_new_take (contents, length);

too_large:
  g_set_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE,
               _("The file is larger than %d MB, which is more than any guide or bank."),
               IK_LIMIT_IMPORT_SIZE / (1024 * 1024));
  return NULL;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = ik_import_read_file (task_data, cancellable, &error);

  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

/**
 * ik_import_read_file_async:
 * @file: a guide, Markdown or bank file the user chose
 * @cancellable: (nullable): stops the read
 *
 * ik_import_read_file() in a worker thread.
 */
void
ik_import_read_file_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_import_read_file_async);
  g_task_set_name (task, "[interview-kit] import read");
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

/**
 * ik_import_read_file_finish:
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error
 *   set as for ik_import_read_file()
 */
GBytes *
ik_import_read_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ik_import_read_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
