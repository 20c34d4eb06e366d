/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-pseudonym-key.c: the library's secret for pseudonyms. */
#include "config.h"

#include "ik-pseudonym-key.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ik-file-store.h"
#include "ik-gnutls.h"

/* The base64 of 32 bytes and a newline; anything larger is not ours. */
#define KEY_FILE_MAX 1024

static GBytes *
parse_key (const char  *path,
           const char  *contents,
           GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (contents));
  g_autofree guchar *raw = NULL;
  gsize length = 0;

  raw = g_base64_decode (text, &length);
  if (length != IK_PSEUDONYM_KEY_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The pseudonym key “%s” is damaged. Restore it from a backup, or remove it to make a new one (pseudonyms will change)."),
                   path);
      return NULL;
    }
  return g_bytes_new (raw, length);
}

static GBytes *
read_key (const char  *path,
          GError     **error)
{
  g_autofree char *contents = NULL;

  if (!ik_file_store_read (path, KEY_FILE_MAX, &contents, NULL, error))
    return NULL;
  return parse_key (path, contents, error);
}

/**
 * ik_pseudonym_key_load_or_create:
 * @data_dir: the folder of the library
 *
 * Reads the secret, or makes it when there is none yet. Two programs
 * making it at once agree: the file is only created when it does not
 * exist, and the loser reads the winner's.
 *
 * Returns: (transfer full) (nullable): the %IK_PSEUDONYM_KEY_SIZE bytes,
 *   or %NULL with @error
 */
GBytes *
ik_pseudonym_key_load_or_create (const char  *data_dir,
                                 GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  guchar raw[IK_PSEUDONYM_KEY_SIZE];
  g_autofree char *encoded = NULL;
  g_autofree char *line = NULL;
  IkReplace replace = { 0 };
  const IkGnutls *tls;
  GBytes *key;
  int ret;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (data_dir, IK_PSEUDONYM_KEY_FILE, NULL);
  key = read_key (path, &local_error);
  if (key != NULL)
    return key;
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);

  tls = ik_gnutls_get (error);
  if (tls == NULL)
    return NULL;
  ret = tls->rnd (GNUTLS_RND_KEY, raw, sizeof raw);
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make a pseudonym key: %s"), tls->describe_error (ret));
      return NULL;
    }
  encoded = g_base64_encode (raw, sizeof raw);
  line = g_strconcat (encoded, "\n", NULL);

  if (!ik_file_store_ensure_dir (data_dir, error))
    return NULL;
  replace.expected_exists = FALSE;
  replace.max_size = KEY_FILE_MAX;
  if (!ik_file_store_replace (path, line, strlen (line), &replace, &local_error))
    {
      gboolean raced = g_error_matches (local_error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED);

      ik_replace_clear (&replace);
      if (!raced)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Another program made it first: theirs is the library's. */
      return read_key (path, error);
    }
  ik_replace_clear (&replace);
  return g_bytes_new (raw, sizeof raw);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *key = ik_pseudonym_key_load_or_create (task_data, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) g_bytes_unref);
}

/**
 * ik_pseudonym_key_load_async:
 *
 * ik_pseudonym_key_load_or_create() in a worker thread.
 */
void
ik_pseudonym_key_load_async (const char          *data_dir,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (data_dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_pseudonym_key_load_async);
  g_task_set_name (task, "[interview-kit] pseudonym key");
  g_task_set_task_data (task, g_strdup (data_dir), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * ik_pseudonym_key_load_finish:
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL with @error
 */
GBytes *
ik_pseudonym_key_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
