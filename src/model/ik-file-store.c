/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-file-store.c: the only place where user data reaches the disk.
 *
 * Saves mirror g_file_set_contents_full (CONSISTENT | DURABLE, 0600): the
 * data goes to a fresh temporary file in the target's folder, which is
 * flushed and then renamed over the target, so the target always holds
 * either the old or the new contents. The steps are written out here rather
 * than calling GLib so that tests can make each one fail (see
 * ik_file_store_set_fault_hook()). g_file_replace_contents() is never used:
 * it can leave a truncated file behind on a full disk.
 *
 * Error messages are the bare system message ("No space left on device"):
 * the caller knows which document it was saving and names it.
 */
#include "config.h"

#include "ik-file-store.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

static GMutex      hook_lock;
static IkWriteFunc write_func;
static IkFaultHook fault_hook;
static gpointer    fault_hook_data;

/**
 * ik_file_store_set_write_func:
 * @func: (nullable): the function ik_file_store_write() calls, or %NULL for
 *   ik_file_store_write_default()
 *
 * Replaces the write function, for tests that simulate a broken disk.
 */
void
ik_file_store_set_write_func (IkWriteFunc func)
{
  g_mutex_lock (&hook_lock);
  write_func = func;
  g_mutex_unlock (&hook_lock);
}

/**
 * ik_file_store_set_fault_hook:
 * @hook: (nullable): called before every step of a default save
 * @user_data: passed to @hook
 *
 * Installs a hook that can inject an errno at any step of a save.
 */
void
ik_file_store_set_fault_hook (IkFaultHook hook,
                              gpointer    user_data)
{
  g_mutex_lock (&hook_lock);
  fault_hook = hook;
  fault_hook_data = user_data;
  g_mutex_unlock (&hook_lock);
}

static int
injected_fault (IkSaveStep  step,
                const char *path)
{
  IkFaultHook hook;
  gpointer data;

  g_mutex_lock (&hook_lock);
  hook = fault_hook;
  data = fault_hook_data;
  g_mutex_unlock (&hook_lock);

  return hook != NULL ? hook (step, path, data) : 0;
}

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/**
 * ik_file_store_write_default:
 * @path: the file to replace or create
 * @data: the new contents
 * @len: the length of @data
 * @error: return location for a #GIOErrorEnum error
 *
 * Replaces @path atomically and durably with mode 0600. On failure the
 * temporary file is removed and @path is untouched.
 *
 * Returns: %TRUE when @path holds @data on the disk
 */
gboolean
ik_file_store_write_default (const char  *path,
                             const char  *data,
                             gsize        len,
                             GError     **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *dir = NULL;
  gsize written = 0;
  int fd = -1;
  int err;
  int dir_fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  tmp_path = g_strdup_printf ("%s.XXXXXX", path);

  if ((err = injected_fault (IK_SAVE_STEP_OPEN, path)) != 0)
    return set_errno_error (error, err);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno);

  /* g_mkstemp_full honours the umask, which can only narrow 0600, but a
   * later GLib may keep another mode: state it explicitly. */
  if (fchmod (fd, 0600) != 0)
    {
      err = errno;
      goto fail;
    }

  if ((err = injected_fault (IK_SAVE_STEP_WRITE, path)) != 0)
    goto fail;
  while (written < len)
    {
      gssize n = write (fd, data + written, len - written);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          err = errno;
          goto fail;
        }
      written += n;
    }

  if ((err = injected_fault (IK_SAVE_STEP_FSYNC, path)) != 0)
    goto fail;
  if (fsync (fd) != 0)
    {
      err = errno;
      goto fail;
    }

  /* Some file systems (NFS) only report write errors on close. */
  if (close (fd) != 0)
    {
      fd = -1;
      err = errno;
      goto fail;
    }
  fd = -1;

  if ((err = injected_fault (IK_SAVE_STEP_RENAME, path)) != 0)
    goto fail;
  if (g_rename (tmp_path, path) != 0)
    {
      err = errno;
      goto fail;
    }

  /* Make the rename itself durable. A failure here cannot be undone and
   * the data is already in place, so it is not reported. */
  dir = g_path_get_dirname (path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return set_errno_error (error, err);
}

/**
 * ik_file_store_write:
 * @path: the file to replace or create
 * @data: the new contents
 * @len: the length of @data
 * @error: return location for a #GIOErrorEnum error
 *
 * Saves @data to @path through the current write function (by default
 * ik_file_store_write_default()). Safe to call from any thread.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_write (const char  *path,
                     const char  *data,
                     gsize        len,
                     GError     **error)
{
  IkWriteFunc func;

  g_return_val_if_fail (path != NULL, FALSE);

  g_mutex_lock (&hook_lock);
  func = write_func != NULL ? write_func : ik_file_store_write_default;
  g_mutex_unlock (&hook_lock);

  return func (path, data, len, error);
}

/**
 * ik_file_store_read:
 * @path: the file to read
 * @max_size: the largest file accepted, in bytes
 * @contents: (out): the contents, NUL-terminated
 * @len: (out) (optional): the length of @contents without the NUL
 * @error: return location for a #GIOErrorEnum error
 *
 * Reads a regular file. Symbolic links, folders, FIFOs, devices and files
 * larger than @max_size are refused with a message fit for the user; the
 * refusal never blocks (a FIFO is opened non-blocking) and never reads from
 * a device.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_read (const char  *path,
                    gsize        max_size,
                    char       **contents,
                    gsize       *len,
                    GError     **error)
{
  return ik_file_store_read_stamped (path, max_size, contents, len, NULL, error);
}

/**
 * ik_file_stamp_equal:
 * @a: a stamp
 * @b: another stamp
 *
 * Returns: %TRUE when both stamps describe the same state of the same file
 */
gboolean
ik_file_stamp_equal (const IkFileStamp *a,
                     const IkFileStamp *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/**
 * ik_file_store_read_stamped:
 * @path: the file to read
 * @max_size: the largest file accepted, in bytes
 * @contents: (out): the contents, NUL-terminated
 * @len: (out) (optional): the length of @contents without the NUL
 * @stamp: (out) (optional): the file's identity and times, taken from the
 *   descriptor that was read, before reading
 * @error: return location for a #GIOErrorEnum error
 *
 * Like ik_file_store_read(), and also says which state of the file was
 * read: a later ik_file_stamp_equal() stamp means the same bytes are still
 * there, without reading or hashing them again.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_read_stamped (const char   *path,
                            gsize         max_size,
                            char        **contents,
                            gsize        *len,
                            IkFileStamp  *stamp,
                            GError      **error)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize total = 0;
  gsize capacity;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int err = errno;

      if (err == ELOOP)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                             _("This is a symbolic link; links are not followed inside the library"));
      else
        set_errno_error (error, err);
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    {
      int err = errno;

      close (fd);
      return set_errno_error (error, err);
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR,
                           S_ISDIR (st.st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                           S_ISDIR (st.st_mode) ? _("This is a folder, not a file")
                                                : _("This is not a regular file"));
      return FALSE;
    }

  if ((guint64) st.st_size > max_size)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (%llu bytes; the limit is %llu)"),
                   (unsigned long long) st.st_size, (unsigned long long) max_size);
      return FALSE;
    }

  if (stamp != NULL)
    {
      stamp->dev = (guint64) st.st_dev;
      stamp->ino = (guint64) st.st_ino;
      stamp->size = (guint64) st.st_size;
      stamp->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      stamp->ctime_ns = (gint64) st.st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_ctim.tv_nsec;
    }

  /* Room for the size fstat gave, one byte more to notice that the file
   * grew since, and the NUL. A file that did grow gets a bigger buffer, up
   * to one byte more than allowed. */
  capacity = (gsize) st.st_size + 2;
  buf = g_malloc (capacity);
  while (total <= max_size)
    {
      gssize n;

      if (total + 1 >= capacity)
        {
          capacity = MIN (MAX (capacity * 2, 4096), max_size + 2);
          buf = g_realloc (buf, capacity);
        }
      n = read (fd, buf + total, capacity - 1 - total);

      if (n < 0)
        {
          int err = errno;

          if (err == EINTR)
            continue;
          close (fd);
          return set_errno_error (error, err);
        }
      if (n == 0)
        break;
      total += n;
    }
  close (fd);

  if (total > max_size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (the limit is %llu bytes)"),
                   (unsigned long long) max_size);
      return FALSE;
    }

  buf[total] = '\0';
  /* Give back the room of a file that shrank or of a grown buffer. */
  *contents = capacity - total > 64 ? g_realloc (g_steal_pointer (&buf), total + 1)
                                    : g_steal_pointer (&buf);
  if (len != NULL)
    *len = total;
  return TRUE;
}

/**
 * ik_file_store_ensure_dir:
 * @path: a folder
 * @error: return location for a #GIOErrorEnum error
 *
 * Creates @path (and missing parents) and gives it mode 0700 whatever the
 * umask. A symbolic link or a file in place of @path is refused.
 *
 * Returns: %TRUE when @path is a private folder
 */
gboolean
ik_file_store_ensure_dir (const char  *path,
                          GError     **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_mkdir_with_parents (path, 0700) != 0)
    return set_errno_error (error, errno);

  if (lstat (path, &st) != 0)
    return set_errno_error (error, errno);

  if (S_ISLNK (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                           _("This is a symbolic link; links are not followed inside the library"));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                           _("This is not a folder"));
      return FALSE;
    }

  if ((st.st_mode & 07777) != 0700 && chmod (path, 0700) != 0)
    return set_errno_error (error, errno);

  return TRUE;
}

/**
 * ik_file_store_repair_mode:
 * @path: a file or folder
 *
 * Gives a regular file mode 0600 and a folder 0700; anything else (links
 * included) is left alone.
 *
 * Returns: %TRUE when @path now has its private mode
 */
gboolean
ik_file_store_repair_mode (const char *path)
{
  struct stat st;
  mode_t wanted;

  g_return_val_if_fail (path != NULL, FALSE);

  if (lstat (path, &st) != 0)
    return FALSE;

  if (S_ISREG (st.st_mode))
    wanted = 0600;
  else if (S_ISDIR (st.st_mode))
    wanted = 0700;
  else
    return FALSE;

  if ((st.st_mode & 07777) == wanted)
    return TRUE;

  return chmod (path, wanted) == 0;
}

/**
 * ik_file_store_is_temp_name:
 * @name: a file name without folder
 *
 * Returns: %TRUE when @name is a temporary file left by an interrupted save
 *   of a JSON file (`*.json.XXXXXX`)
 */
gboolean
ik_file_store_is_temp_name (const char *name)
{
  gsize n;

  g_return_val_if_fail (name != NULL, FALSE);

  n = strlen (name);
  if (n < strlen (".json.XXXXXX") + 1)
    return FALSE;
  if (strncmp (name + n - strlen (".json.XXXXXX"), ".json.", 6) != 0)
    return FALSE;
  for (gsize i = n - 6; i < n; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}
