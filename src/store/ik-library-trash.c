/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-library-trash.c: delete (to trash/) and restore. */
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

static char *
timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (now, "%Y%m%dT%H%M%S");

  return g_strdup_printf ("%s.%06dZ", base, g_date_time_get_microsecond (now));
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
  GListStore *store = ik_library_store_for_kind (self, kind);
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

  /* Whole before its file goes: the object outlives the entry (a view
   * shows it, an undo may add it back). */
  if (kind == KIND_SESSION)
    (void) ik_session_get_records (IK_SESSION (object));

  trash_name = g_strdup_printf ("%s-%s-%s.json", ik_library_kind_names[kind], entry->id, stamp);
  trash_path = g_build_filename (self->trash_dir, trash_name, NULL);

  /* The trash holds the latest state, saved or not, so that a restore
   * brings back what the user saw. */
  if (ik_library_entry_is_dirty (entry) && (data = ik_library_serialise (entry, error)) == NULL)
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
  ik_library_untrack_object (self, entry);
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
  g_autofree char *prefix = g_strdup_printf ("%s-%s-", ik_library_kind_names[kind], id);
  g_autofree char *trash_path = NULL;
  g_autofree char *path = NULL;
  GObject *object;
  guint position;

  if (!ik_id_is_valid (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid id"), id);
      return NULL;
    }

  names = ik_library_list_dir (self->trash_dir, error);
  if (names == NULL)
    return NULL;

  /* Timestamps sort: the last match is the latest removal. */
  for (guint i = names->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (names, i - 1);
      gint64 when;

      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json") &&
          strchr (name + strlen (prefix), '-') == NULL &&
          ik_library_parse_trash_time (name, &when))
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

  if (ik_library_find_by_id (G_LIST_MODEL (ik_library_store_for_kind (self, kind)), id, &position))
    {
      g_autoptr(GObject) shown = g_list_model_get_item (G_LIST_MODEL (ik_library_store_for_kind (self, kind)), position);

      /* Only a bundled bank may be replaced by the restored copy. */
      if (g_hash_table_contains (self->entries, shown))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("It is already in the library"));
          return NULL;
        }
    }

  /* The rename below changes the file's ctime: recognise it by its hash. */
  item = ik_library_load_file (kind, trash_path, id, TRUE, problems);
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
  ik_library_track_loaded_item (self, item);
  ik_library_show_object (self, kind, object, id);
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
 * ik_library_find_bundled_bank:
 * @self: a library
 * @id: a bank id
 *
 * Returns: (transfer none) (nullable): the bank shipped with the application
 * with @id, shown or hidden by the user's copy
 */
IkBank *
ik_library_find_bundled_bank (IkLibrary  *self,
                              const char *id)
{
  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->bundled, id);
}

/**
 * ik_library_restore_bundled_bank:
 * @self: a library
 * @copy: the user's copy of a bundled bank
 * @error: return location for an error
 *
 * Discards the user's copy of a bundled bank: its file goes to the trash,
 * as ik_library_remove_bank() does (ik_library_restore_bank() undoes it),
 * and the bank as shipped shows in its place. Only a copy whose id is that
 * of a bundled bank is accepted: no other bank is ever removed by this.
 *
 * Returns: (transfer none) (nullable): the bundled bank, or %NULL on error
 */
IkBank *
ik_library_restore_bundled_bank (IkLibrary  *self,
                                 IkBank     *copy,
                                 GError    **error)
{
  IkBank *bundled;

  g_return_val_if_fail (IK_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (IK_IS_BANK (copy), NULL);

  bundled = ik_library_find_bundled_bank (self, ik_bank_get_id (copy));
  if (bundled == NULL || bundled == copy)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This bank is not a copy of a bank shipped with Interview Kit"));
      return NULL;
    }
  if (!remove_object (self, KIND_BANK, G_OBJECT (copy), error))
    return NULL;
  return bundled;
}
