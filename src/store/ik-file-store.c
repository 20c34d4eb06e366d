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
#define _GNU_SOURCE
#include "config.h"

#include "ik-file-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
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

/* Temporary files are named so that no user would pick the name and so
 * that a later load can tell whose they are:
 * `.<target name>.ik-tmp-<pid>-<6 letters or digits>`. */
#define TEMP_MARKER ".ik-tmp-"
/* A temporary file younger than this may belong to a save in progress. */
#define TEMP_STALE_SECONDS (5 * 60)

static int
open_temp (const char  *path,
           char       **tmp_path_out)
{
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      char suffix[7];
      g_autofree char *name = NULL;
      g_autofree char *tmp_path = NULL;
      int fd;

      for (guint i = 0; i < 6; i++)
        suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      suffix[6] = '\0';
      name = g_strdup_printf (".%s" TEMP_MARKER "%d-%s", base, (int) getpid (), suffix);
      tmp_path = g_build_filename (dir, name, NULL);
      fd = open (tmp_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd >= 0)
        {
          *tmp_path_out = g_steal_pointer (&tmp_path);
          return fd;
        }
      if (errno != EEXIST)
        return -1;
    }
  errno = EEXIST;
  return -1;
}

/* Creates the temporary file for @path and writes @data into it durably.
 * On success the descriptor is still open (the caller renames, then closes
 * it); on failure nothing is left behind. */
static gboolean
write_temp (const char  *path,
            const char  *data,
            gsize        len,
            int         *fd_out,
            char       **tmp_path_out,
            GError     **error)
{
  g_autofree char *tmp_path = NULL;
  gsize written = 0;
  int fd;
  int err;

  if ((err = injected_fault (IK_SAVE_STEP_OPEN, path)) != 0)
    return set_errno_error (error, err);
  fd = open_temp (path, &tmp_path);
  if (fd < 0)
    return set_errno_error (error, errno);

  /* open honours the umask, which can only narrow 0600, but state it. */
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

  *fd_out = fd;
  *tmp_path_out = g_steal_pointer (&tmp_path);
  return TRUE;

fail:
  close (fd);
  g_unlink (tmp_path);
  return set_errno_error (error, err);
}

static void
fsync_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Makes the rename itself durable. A failure here cannot be undone and
   * the data is already in place, so it is not reported. */
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
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
  int fd = -1;
  int err;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (!write_temp (path, data, len, &fd, &tmp_path, error))
    return FALSE;

  /* Some file systems (NFS) only report write errors on close. */
  if (close (fd) != 0)
    {
      err = errno;
      g_unlink (tmp_path);
      return set_errno_error (error, err);
    }

  if ((err = injected_fault (IK_SAVE_STEP_RENAME, path)) != 0 ||
      (g_rename (tmp_path, path) != 0 && (err = errno) != 0))
    {
      g_unlink (tmp_path);
      return set_errno_error (error, err);
    }

  fsync_parent (path);
  return TRUE;
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

static void
stamp_from_stat (IkFileStamp       *stamp,
                 const struct stat *st)
{
  stamp->dev = (guint64) st->st_dev;
  stamp->ino = (guint64) st->st_ino;
  stamp->size = (guint64) st->st_size;
  stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  stamp->ctime_ns = (gint64) st->st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_ctim.tv_nsec;
  stamp->taken_ns = g_get_real_time () * 1000;
  stamp->mode = (guint32) st->st_mode;
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

/* What a read may leave unread: the holes of a file in the state of a
 * stamp (ik_file_store_read_around()). */
typedef struct
{
  const IkFileStamp *known;
  const gsize       *holes;
  guint              n_holes;
  gboolean           read_around;   /* out */
} ReadHoles;

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
static gboolean read_stamped (const char   *path,
                              gsize         max_size,
                              gboolean      repair,
                              ReadHoles    *holes,
                              char        **contents,
                              GBytes      **bytes,
                              gsize        *len,
                              IkFileStamp  *stamp,
                              GError      **error);

gboolean
ik_file_store_read_stamped (const char   *path,
                            gsize         max_size,
                            char        **contents,
                            gsize        *len,
                            IkFileStamp  *stamp,
                            GError      **error)
{
  return read_stamped (path, max_size, FALSE, NULL, contents, NULL, len, stamp, error);
}

/**
 * ik_file_store_read_repaired:
 * @path: the file to read
 * @max_size: the largest file accepted, in bytes
 * @contents: (out): the bytes, NUL-terminated
 * @len: (out) (optional): their number
 * @stamp: (out) (optional): what fstat() said, after the repair
 * @error: return location for an error
 *
 * ik_file_store_read_stamped() that first gives a regular file the mode
 * ik_file_store_repair_mode() would, through the open file (the one that
 * is read, whatever happens to the path meanwhile), in the same system
 * calls as the read when the mode is right.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_read_repaired (const char   *path,
                             gsize         max_size,
                             char        **contents,
                             gsize        *len,
                             IkFileStamp  *stamp,
                             GError      **error)
{
  return read_stamped (path, max_size, TRUE, NULL, contents, NULL, len, stamp, error);
}

/* Opens @path for reading, without following a symbolic link, and
 * checks that it is a regular file (@st: what fstat() says of it). With
 * @repair, takes away what group and others may do; never gives the owner
 * a right they took away (a read-only file stays read-only). Changing the
 * mode changes the status time, so @st is taken again.
 *
 * Returns: the descriptor, or -1 with @error set */
static int
open_regular (const char  *path,
              gboolean     repair,
              struct stat *st,
              GError     **error)
{
  int fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  int err;

  if (fd < 0)
    {
      err = errno;
      if (err == ELOOP)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                             _("This is a symbolic link; links are not followed inside the library"));
      else
        set_errno_error (error, err);
      return -1;
    }
  if (fstat (fd, st) != 0)
    goto failed;
  if (!S_ISREG (st->st_mode))
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR,
                           S_ISDIR (st->st_mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                           S_ISDIR (st->st_mode) ? _("This is a folder, not a file")
                                                 : _("This is not a regular file"));
      return -1;
    }
  if (repair && (st->st_mode & 07777) != (st->st_mode & 0700) &&
      fchmod (fd, st->st_mode & 0700) == 0 && fstat (fd, st) != 0)
    goto failed;
  return fd;

failed:
  err = errno;
  close (fd);
  set_errno_error (error, err);
  return -1;
}

/**
 * ik_file_store_read_around:
 * @path: the file to read
 * @max_size: the largest file accepted, in bytes
 * @known: the stamp of an earlier read of the file
 * @holes: (array length=n_holes): byte ranges of the file, [start, end)
 *   pairs in order, not overlapping, each at least 2 bytes long
 * @n_holes: the number of pairs in @holes
 * @bytes: (out): the bytes, as many as the file has (followed by a NUL,
 *   not counted)
 * @stamp: (out) (optional): what fstat() said, after the repair
 * @read_around: (out): whether the holes were left unread
 * @error: return location for an error
 *
 * ik_file_store_read_repaired() into a #GBytes that, when the file is
 * still in the state of @known, reads only what lies around @holes and
 * their first and last bytes: the rest of each hole is left unset, not to
 * be read (what the file holds there is known from the earlier read, an
 * index). When the file changed, or the holes are not within it, it is
 * read whole.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_read_around (const char        *path,
                           gsize              max_size,
                           const IkFileStamp *known,
                           const gsize       *holes,
                           guint              n_holes,
                           GBytes           **bytes,
                           IkFileStamp       *stamp,
                           gboolean          *read_around,
                           GError           **error)
{
  ReadHoles read_holes = { known, holes, n_holes, FALSE };
  gboolean ok;

  g_return_val_if_fail (known != NULL && (holes != NULL || n_holes == 0), FALSE);
  g_return_val_if_fail (read_around != NULL, FALSE);

  ok = read_stamped (path, max_size, TRUE, &read_holes, NULL, bytes, NULL, stamp, error);
  *read_around = ok && read_holes.read_around;
  return ok;
}

/* Reads @count bytes of @fd from @offset into @dest; FALSE when the file
 * ends before or cannot be read (errno set). */
static gboolean
pread_fully (int    fd,
             char  *dest,
             gsize  offset,
             gsize  count)
{
  while (count > 0)
    {
      gssize n = pread (fd, dest, count, (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          return FALSE;
        }
      dest += n;
      offset += n;
      count -= n;
    }
  return TRUE;
}

/**
 * ik_file_store_read_range:
 * @path: the file to read
 * @known: the stamp of an earlier read of the file
 * @start: the first byte to read
 * @end: just past the last one
 * @bytes: (out): bytes [@start, @end) of the file (followed by a NUL, not
 *   counted)
 * @error: return location for an error: %G_IO_ERROR_WRONG_ETAG when the
 *   file is no longer in the state of @known
 *
 * Reads again a part of a file left unread before
 * (ik_file_store_read_around()), if the file did not change since.
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_read_range (const char        *path,
                          const IkFileStamp *known,
                          gsize              start,
                          gsize              end,
                          GBytes           **bytes,
                          GError           **error)
{
  g_autofree char *data = NULL;
  IkFileStamp now;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL && known != NULL && bytes != NULL, FALSE);
  g_return_val_if_fail (start <= end, FALSE);

  fd = open_regular (path, FALSE, &st, error);
  if (fd < 0)
    return FALSE;
  stamp_from_stat (&now, &st);
  if (!ik_file_stamp_equal (&now, known) || end > (guint64) st.st_size)
    {
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                           _("The file was changed by another program since it was read"));
      return FALSE;
    }
  data = g_malloc (end - start + 1);
  if (!pread_fully (fd, data, start, end - start))
    {
      int err = errno;

      close (fd);
      return set_errno_error (error, err);
    }
  close (fd);
  data[end - start] = '\0';
  *bytes = g_bytes_new_take (g_steal_pointer (&data), end - start);
  return TRUE;
}

/* The buffer of a read. */
typedef struct
{
  char    *data;
  gsize    size;
} ReadBuffer;

static void
read_buffer_clear (ReadBuffer *buffer)
{
  g_clear_pointer (&buffer->data, g_free);
  buffer->size = 0;
}

/* Grows or shrinks @buffer to @size, its contents kept. */
static void
read_buffer_resize (ReadBuffer *buffer,
                    gsize       size)
{
  buffer->data = g_realloc (buffer->data, size);
  buffer->size = size;
}

/* @buffer's first @length bytes, @buffer taken. */
static GBytes *
read_buffer_steal_bytes (ReadBuffer *buffer,
                         gsize       length)
{
  GBytes *bytes = g_bytes_new_take (buffer->data, length);

  buffer->data = NULL;
  buffer->size = 0;
  return bytes;
}

/* Whether @holes fit a file of @size bytes: in order, apart, each with
 * its first and last byte. */
static gboolean
holes_fit (const ReadHoles *holes,
           guint64          size)
{
  gsize from = 0;

  for (guint i = 0; i < holes->n_holes; i++)
    {
      gsize start = holes->holes[2 * i], end = holes->holes[2 * i + 1];

      if (start < from || end < start + 2 || end > size)
        return FALSE;
      from = end;
    }
  return TRUE;
}

/* Reads the file @fd, in the state of @now, around @holes into @buf
 * (made here): FALSE when it is not in the state they were found in, or
 * cannot be read that way (then read whole). */
static gboolean
read_around (int              fd,
             const IkFileStamp *now,
             ReadHoles        *holes,
             ReadBuffer       *buf)
{
  gsize from = 0;

  if (!ik_file_stamp_equal (now, holes->known) || !holes_fit (holes, now->size))
    return FALSE;

  /* From the heap, even when large (not a mapping of its own: munmap()
   * costs every other thread of the process a TLB flush; the load child
   * measured the banks' read 15 -> 9 ms), and not zeroed: that was a third
   * of the next start's load, for bytes nobody reads. */
  buf->size = now->size + 1;
  buf->data = g_malloc (buf->size);

  for (guint i = 0; i <= holes->n_holes; i++)
    {
      gsize to = i < holes->n_holes ? holes->holes[2 * i] + 1 : now->size;

      if (!pread_fully (fd, buf->data + from, from, to - from))
        {
          read_buffer_clear (buf);
          return FALSE;
        }
      if (i < holes->n_holes)
        from = holes->holes[2 * i + 1] - 1;
    }
  buf->data[now->size] = '\0';
  return TRUE;
}

static gboolean
read_stamped (const char   *path,
              gsize         max_size,
              gboolean      repair,
              ReadHoles    *holes,
              char        **contents,
              GBytes      **bytes,
              gsize        *len,
              IkFileStamp  *stamp,
              GError      **error)
{
  ReadBuffer buf = { NULL, 0 };
  IkFileStamp now;
  struct stat st;
  gsize total = 0;
  gsize capacity;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail ((contents != NULL) != (bytes != NULL), FALSE);

  fd = open_regular (path, repair, &st, error);
  if (fd < 0)
    return FALSE;

  if ((guint64) st.st_size > max_size)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (max_size);

      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (%s, at most %s)"), size, limit);
      return FALSE;
    }

  stamp_from_stat (&now, &st);
  if (stamp != NULL)
    *stamp = now;

  if (holes != NULL && read_around (fd, &now, holes, &buf))
    {
      close (fd);
      *bytes = read_buffer_steal_bytes (&buf, now.size);
      holes->read_around = TRUE;
      return TRUE;
    }

  /* Room for the size fstat gave, one byte more to notice that the file
   * grew since, and the NUL. A file that did grow gets a bigger buffer, up
   * to one byte more than allowed. */
  capacity = (gsize) st.st_size + 2;
  read_buffer_resize (&buf, capacity);
  while (total <= max_size)
    {
      gssize n;

      if (total + 1 >= capacity)
        {
          capacity = MIN (MAX (capacity * 2, 4096), max_size + 2);
          read_buffer_resize (&buf, capacity);
        }
      n = read (fd, buf.data + total, capacity - 1 - total);

      if (n < 0)
        {
          int err = errno;

          if (err == EINTR)
            continue;
          close (fd);
          read_buffer_clear (&buf);
          return set_errno_error (error, err);
        }
      if (n == 0)
        break;
      total += n;
      /* Short of what was asked for, at the size fstat gave: the end of
       * the file, without another read to be told so (a file that grows
       * now has another stamp, which every later check sees). */
      if (total == (gsize) st.st_size && total + 1 < capacity)
        break;
    }
  close (fd);

  if (total > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      read_buffer_clear (&buf);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (at most %s)"), limit);
      return FALSE;
    }

  buf.data[total] = '\0';
  /* Give back the room of a file that shrank or of a grown buffer. */
  if (capacity - total > 64)
    read_buffer_resize (&buf, total + 1);
  if (bytes != NULL)
    *bytes = read_buffer_steal_bytes (&buf, total);
  else
    {
      *contents = buf.data;
      buf.data = NULL;
    }
  if (len != NULL)
    *len = total;
  return TRUE;
}

/**
 * ik_file_store_ensure_dir:
 * @path: a folder
 * @error: return location for a #GIOErrorEnum error
 *
 * Creates @path (and missing parents) with mode 0700 whatever the umask,
 * and takes away the rights of group and others from an existing folder.
 * A symbolic link or a file in place of @path is refused.
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

  /* Only too open a mode is repaired: a folder the owner made read-only
   * stays so (the library then opens read-only), and a folder we cannot
   * change (a read-only mount) is still used. */
  if ((st.st_mode & 077) != 0)
    chmod (path, st.st_mode & 0700);

  return TRUE;
}

/**
 * ik_file_store_repair_mode:
 * @path: a file or folder
 *
 * Takes the rights of group and others away from a regular file or a
 * folder, keeping the owner's as they are; anything else (links
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

  if (!S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
    return FALSE;

  /* Take away what group and others may do; never give the owner a right
   * they took away themselves (a read-only file stays read-only). */
  wanted = st.st_mode & 0700;
  if ((st.st_mode & 07777) == wanted)
    return TRUE;

  return chmod (path, wanted) == 0;
}

/**
 * ik_file_store_is_temp_name:
 * @name: a file name without folder
 *
 * Returns: %TRUE when @name is a temporary file of a save by Interview Kit
 *   (`.<name>.ik-tmp-<pid>-<6 letters or digits>`); no other name is ever
 *   taken for one
 */
gboolean
ik_file_store_is_temp_name (const char *name)
{
  const char *marker;
  const char *p;
  gsize n;

  g_return_val_if_fail (name != NULL, FALSE);

  if (name[0] != '.' || (marker = g_strrstr (name, TEMP_MARKER)) == NULL || marker == name)
    return FALSE;
  p = marker + strlen (TEMP_MARKER);
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p++ != '-')
    return FALSE;
  n = strlen (p);
  if (n != 6)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (p[i]))
      return FALSE;
  return TRUE;
}

/**
 * ik_file_store_temp_is_stale:
 * @dir: the folder holding @name
 * @name: a name for which ik_file_store_is_temp_name() is %TRUE
 *
 * A temporary file is what a save left when it was interrupted: it holds
 * candidate data and the original next to it is intact. It may only be
 * deleted when no save can still be writing it: it is a regular file, it
 * was last changed more than five minutes ago, and the process that made
 * it (named in it) is gone.
 *
 * Returns: %TRUE when the temporary file may be deleted
 */
gboolean
ik_file_store_temp_is_stale (const char *dir,
                             const char *name)
{
  g_autofree char *path = NULL;
  const char *p;
  struct stat st;
  gint64 pid;

  g_return_val_if_fail (dir != NULL && name != NULL, FALSE);

  if (!ik_file_store_is_temp_name (name))
    return FALSE;
  path = g_build_filename (dir, name, NULL);
  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - TEMP_STALE_SECONDS)
    return FALSE;

  p = g_strrstr (name, TEMP_MARKER) + strlen (TEMP_MARKER);
  pid = g_ascii_strtoll (p, NULL, 10);
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (pid != getpid () && (kill ((pid_t) pid, 0) == 0 || errno != ESRCH))
    return FALSE;
  return TRUE;
}

G_DEFINE_QUARK (ik-file-store-error-quark, ik_file_store_error)

/**
 * ik_file_store_stat:
 * @path: a file
 * @stamp: (out): its stamp
 * @error: return location for a #GIOErrorEnum error
 *
 * The stamp of @path itself (links are not followed).
 *
 * Returns: %TRUE on success
 */
gboolean
ik_file_store_stat (const char   *path,
                    IkFileStamp  *stamp,
                    GError      **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL && stamp != NULL, FALSE);

  if (lstat (path, &st) != 0)
    return set_errno_error (error, errno);
  stamp_from_stat (stamp, &st);
  return TRUE;
}

/**
 * ik_replace_clear:
 * @replace: the arguments of a replace
 *
 * Frees what ik_file_store_replace() returned in @replace.
 */
void
ik_replace_clear (IkReplace *replace)
{
  g_clear_pointer (&replace->current, g_bytes_unref);
  g_clear_pointer (&replace->displaced, g_free);
}

/* A file changed within this time of when its stamp was taken may have
 * been written again in the same tick of the file system's clock, with the
 * same size, leaving the stamp as it was (git's "racily clean" files): its
 * stamp alone does not prove that it was not, so its bytes are compared. */
#define RACY_NS (G_GINT64_CONSTANT (50) * 1000000)

static gboolean
same_file_state (const IkFileStamp *a,
                 const IkFileStamp *b,
                 gboolean           with_ctime)
{
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_ns == b->mtime_ns && (!with_ctime || a->ctime_ns == b->ctime_ns);
}

/* Is @path still what the caller expects? TRUE: yes (or it is gone, and
 * may be written again); *exists and *accepted say what is there. FALSE
 * with IK_FILE_STORE_ERROR_CHANGED: another program wrote it, and
 * replace->current holds what it wrote. */
static gboolean
check_current (const char  *path,
               IkReplace   *replace,
               gboolean    *exists,
               IkFileStamp *accepted,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;
  struct stat st;
  IkFileStamp stamp;
  gsize len = 0;
  gboolean racy;

  if (lstat (path, &st) != 0)
    {
      if (errno != ENOENT)
        return set_errno_error (error, errno);
      *exists = FALSE;
      return TRUE;
    }
  *exists = TRUE;
  if (!S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("Something other than a regular file is in its place; it is not replaced"));
      return FALSE;
    }
  stamp_from_stat (&stamp, &st);
  racy = stamp.ctime_ns > replace->expected.taken_ns - RACY_NS ||
         stamp.mtime_ns > replace->expected.taken_ns - RACY_NS;
  if (replace->expected_exists && ik_file_stamp_equal (&stamp, &replace->expected) &&
      (!racy || replace->expected_contents == NULL))
    {
      *accepted = stamp;
      return TRUE;
    }

  if (!ik_file_store_read_stamped (path, MAX (replace->max_size, 1), &contents, &len, &stamp, &read_error))
    {
      /* Too large or unreadable: certainly not ours, and not to be
       * overwritten. */
      g_set_error (error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED,
                   _("Another program changed the file (%s)"), read_error->message);
      g_clear_pointer (&replace->current, g_bytes_unref);
      replace->current_stamp = stamp;
      return FALSE;
    }
  if (replace->expected_exists && replace->expected_contents != NULL &&
      g_bytes_get_size (replace->expected_contents) == len &&
      memcmp (g_bytes_get_data (replace->expected_contents, NULL), contents, len) == 0)
    {
      *accepted = stamp;
      /* Checked by its bytes: the check of what gets displaced later
       * compares the bytes too. */
      accepted->taken_ns = G_MAXINT64;
      return TRUE;
    }

  g_clear_pointer (&replace->current, g_bytes_unref);
  replace->current = g_bytes_new_take (g_steal_pointer (&contents), len);
  replace->current_stamp = stamp;
  g_set_error_literal (error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED,
                       _("Another program changed the file"));
  return FALSE;
}

/* The file that was displaced has the stamp that was accepted. Unless that
 * stamp is racy, it holds what was accepted; if it is, its bytes tell. */
static gboolean
displaced_holds_expected (const char        *path,
                          const IkFileStamp *displaced,
                          const IkFileStamp *accepted,
                          IkReplace         *replace)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (accepted->taken_ns != G_MAXINT64 &&
      displaced->mtime_ns <= accepted->taken_ns - RACY_NS)
    return TRUE;
  if (replace->expected_contents == NULL)
    return TRUE;
  if (!ik_file_store_read (path, MAX (replace->max_size, 1), &contents, &len, NULL))
    return FALSE;
  return g_bytes_get_size (replace->expected_contents) == len &&
         memcmp (g_bytes_get_data (replace->expected_contents, NULL), contents, len) == 0;
}

/**
 * ik_file_store_conflict_path:
 * @path: a file `<folder>/<stem>.json`
 *
 * Returns: (transfer full): a new name for a copy kept aside,
 *   `<folder>/<stem>.conflict-<UTC time with microseconds>.json`
 */
char *
ik_file_store_conflict_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *stem = g_str_has_suffix (path, ".json") ? g_strndup (path, strlen (path) - 5) : g_strdup (path);

  return g_strdup_printf ("%s.conflict-%s.%06dZ.json", stem, time, g_date_time_get_microsecond (now));
}

/**
 * ik_file_store_rename_noreplace:
 * @from: a file
 * @to: its new name
 *
 * Renames @from to @to only if nothing is at @to (atomically).
 *
 * Returns: 0, or -1 with errno set (EEXIST: something is at @to)
 */
int
ik_file_store_rename_noreplace (const char *from,
                  const char *to)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
    return -1;
#endif
  /* link() never replaces either. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  return -1;
}

/**
 * ik_file_store_replace:
 * @path: the file to replace or create
 * @data: the new contents
 * @len: the length of @data
 * @replace: what the caller expects on the disk, and the outcome
 * @error: return location for an error
 *
 * Writes @data to @path like ik_file_store_write(), but never over a file
 * that changed since the caller last read or wrote it: the file's stamp
 * (device, inode, size, times in nanoseconds), and its bytes when in doubt,
 * are compared with @replace before the temporary file is written and
 * again right before it is renamed in. Processes of Interview Kit take a
 * lock on the folder for that time, so two of them never interleave. The
 * new file is swapped in with the old one atomically (RENAME_EXCHANGE
 * where the file system has it), so even a program that wrote in the last
 * microseconds is not lost: what was displaced is checked once more and,
 * if it is not what the caller expected, kept as a conflict copy named in
 * @replace->displaced.
 *
 * A file deleted by another program is written again: the caller's data is
 * the newest.
 *
 * Returns: %TRUE when @path holds @data on the disk; %FALSE with
 *   %IK_FILE_STORE_ERROR_CHANGED (replace->current holds the other
 *   version, or %NULL when it could not be read) or a #GIOErrorEnum error
 */
gboolean
ik_file_store_replace (const char  *path,
                       const char  *data,
                       gsize        len,
                       IkReplace   *replace,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  IkFileStamp accepted = { 0 };
  IkWriteFunc func;
  gboolean exists = FALSE;
  gboolean ok = FALSE;
  struct stat st;
  int dir_fd;
  int fd = -1;
  int err;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (replace != NULL, FALSE);

  ik_replace_clear (replace);

  dir = g_path_get_dirname (path);
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    return set_errno_error (error, errno);
  /* Another process of ours saving into the same folder waits here. A file
   * system without locks still gets every other check. */
  while (flock (dir_fd, LOCK_EX) != 0 && errno == EINTR)
    ;

  if (!check_current (path, replace, &exists, &accepted, error))
    goto out;

  g_mutex_lock (&hook_lock);
  func = write_func;
  g_mutex_unlock (&hook_lock);
  if (func != NULL)
    {
      /* A test's write function stands for the whole write. */
      ok = func (path, data, len, error) && ik_file_store_stat (path, &replace->stamp, error);
      goto out;
    }

  if (!write_temp (path, data, len, &fd, &tmp_path, error))
    goto out;

  if ((err = injected_fault (IK_SAVE_STEP_RENAME, path)) != 0)
    {
      set_errno_error (error, err);
      goto out;
    }
  /* Once more: the write took time, and a sync client does not wait. */
  if (!check_current (path, replace, &exists, &accepted, error))
    goto out;

  if (!exists)
    {
      if (ik_file_store_rename_noreplace (tmp_path, path) != 0)
        {
          if (errno == EEXIST)
            check_current (path, replace, &exists, &accepted, error);
          if (error == NULL || *error == NULL)
            set_errno_error (error, errno == EEXIST ? EAGAIN : errno);
          goto out;
        }
    }
  else
    {
      gboolean swapped = FALSE;

#ifdef RENAME_EXCHANGE
      if (renameat2 (AT_FDCWD, tmp_path, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
        swapped = TRUE;
      else if (errno == ENOENT)
        {
          /* Deleted since the check: nothing to displace. */
          if (ik_file_store_rename_noreplace (tmp_path, path) != 0)
            {
              set_errno_error (error, errno);
              goto out;
            }
          g_clear_pointer (&tmp_path, g_free);
        }
      else if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        {
          set_errno_error (error, errno);
          goto out;
        }
#endif
      if (swapped)
        {
          /* tmp_path now names what was in place. The exchange itself
           * changed its ctime, so that is not compared. */
          if (lstat (tmp_path, &st) == 0)
            {
              IkFileStamp displaced;

              stamp_from_stat (&displaced, &st);
              if (same_file_state (&displaced, &accepted, FALSE) &&
                  displaced_holds_expected (tmp_path, &displaced, &accepted, replace))
                g_unlink (tmp_path);
              else
                {
                  g_autofree char *aside = ik_file_store_conflict_path (path);

                  if (ik_file_store_rename_noreplace (tmp_path, aside) == 0)
                    replace->displaced = g_steal_pointer (&aside);
                }
            }
          g_clear_pointer (&tmp_path, g_free);
        }
      else if (tmp_path != NULL)
        {
          if (g_rename (tmp_path, path) != 0)
            {
              set_errno_error (error, errno);
              goto out;
            }
          g_clear_pointer (&tmp_path, g_free);
        }
    }
  g_clear_pointer (&tmp_path, g_free);

  /* The stamp of what is now in place, ctime of the rename included. */
  if (fstat (fd, &st) == 0)
    stamp_from_stat (&replace->stamp, &st);
  fsync (dir_fd);
  ok = TRUE;

out:
  if (fd >= 0)
    close (fd);
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  flock (dir_fd, LOCK_UN);
  close (dir_fd);
  return ok;
}

/**
 * ik_file_state_clear:
 */
void
ik_file_state_clear (IkFileState *state)
{
  g_clear_pointer (&state->bytes, g_bytes_unref);
  state->exists = FALSE;
}

/**
 * ik_file_store_load_state:
 * @state: (out caller-allocates): cleared first
 *
 * Reads @path into @state. A missing file is no error: @state says it
 * does not exist.
 *
 * Returns: %FALSE if the file exists and cannot be read
 */
gboolean
ik_file_store_load_state (const char   *path,
                          gsize         max_size,
                          IkFileState  *state,
                          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize length = 0;

  ik_file_state_clear (state);
  if (!ik_file_store_read_stamped (path, max_size, &data, &length, &state->stamp, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  state->exists = TRUE;
  state->bytes = g_bytes_new_take (data, length);
  return TRUE;
}

/**
 * ik_file_store_save_merging:
 * @state: (inout): the file as last read or written; updated
 * @serialize: gives the bytes to write
 * @merge: takes in what another writer saved meanwhile
 *
 * A guarded save (ik_file_store_replace()) for small files that more than
 * one process may rewrite, such as this interviewer's answers and pinned
 * keys: another writer's save is never overwritten, it is merged in first.
 *
 * Returns: whether the file now holds what @serialize gave last
 */
gboolean
ik_file_store_save_merging (const char     *path,
                            gsize           max_size,
                            IkFileState    *state,
                            IkSerializeFunc serialize,
                            IkMergeFunc     merge,
                            gpointer        data,
                            GError        **error)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      IkReplace replace = { 0 };
      g_autoptr(GError) local_error = NULL;
      g_autofree char *bytes = NULL;
      gsize length = 0;
      gboolean merged;

      bytes = serialize (data, &length, error);
      if (bytes == NULL)
        return FALSE;
      replace.expected = state->stamp;
      replace.expected_exists = state->exists;
      replace.expected_contents = state->bytes;
      replace.max_size = max_size;
      if (ik_file_store_replace (path, bytes, length, &replace, &local_error))
        {
          g_clear_pointer (&state->bytes, g_bytes_unref);
          state->exists = TRUE;
          state->stamp = replace.stamp;
          state->bytes = g_bytes_new_take (g_steal_pointer (&bytes), length);
          ik_replace_clear (&replace);
          return TRUE;
        }
      if (!g_error_matches (local_error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED))
        {
          ik_replace_clear (&replace);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("%s changed since it was read: merging", path);
      g_clear_pointer (&state->bytes, g_bytes_unref);
      state->exists = replace.current != NULL;
      if (replace.current != NULL)
        {
          state->stamp = replace.current_stamp;
          state->bytes = g_bytes_ref (replace.current);
        }
      merged = merge (data, replace.current, error);
      ik_replace_clear (&replace);
      if (!merged)
        return FALSE;
    }
  g_set_error (error, IK_FILE_STORE_ERROR, IK_FILE_STORE_ERROR_CHANGED,
               _("“%s” keeps changing while it is saved"), path);
  return FALSE;
}
