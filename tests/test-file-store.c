/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of ik-file-store: atomic saves under injected faults, modes, and
 * the refusal to read anything but a regular file. */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ik-file-store.h"
#include "ik-test-util.h"

static const char original[] = "{\n  \"original\": \"contents that must survive\"\n}\n";

typedef struct
{
  IkSaveStep step;
  int        err;
  guint      calls;
} Fault;

static int
fault_hook (IkSaveStep  step,
            const char *path,
            gpointer    user_data)
{
  Fault *fault = user_data;

  fault->calls++;
  return step == fault->step ? fault->err : 0;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_file_contents (const char *path,
                      const char *expected,
                      gsize       expected_len)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, expected, expected_len);
}

static void
test_faults_at_every_step (void)
{
  const int errors[] = { ENOSPC, EACCES, EIO };
  const IkSaveStep steps[] = { IK_SAVE_STEP_OPEN, IK_SAVE_STEP_WRITE,
                               IK_SAVE_STEP_FSYNC, IK_SAVE_STEP_RENAME };
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);

  for (guint e = 0; e < G_N_ELEMENTS (errors); e++)
    for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *replacement = g_strdup_printf ("{ \"replacement\": %u }\n", e * 10 + s);
        Fault fault = { steps[s], errors[e], 0 };

        g_assert_true (g_file_set_contents (path, original, -1, NULL));

        ik_file_store_set_fault_hook (fault_hook, &fault);
        g_assert_false (ik_file_store_write (path, replacement, strlen (replacement), &error));
        ik_file_store_set_fault_hook (NULL, NULL);

        g_assert_error (error, G_IO_ERROR, (int) g_io_error_from_errno (errors[e]));
        g_assert_cmpstr (error->message, ==, g_strerror (errors[e]));
        g_assert_cmpuint (fault.calls, ==, s + 1);
        assert_file_contents (path, original, strlen (original));
        /* Only the original: no temporary file is left behind. */
        g_assert_cmpuint (count_entries (dir), ==, 1);
        g_clear_error (&error);

        g_assert_true (ik_file_store_write (path, replacement, strlen (replacement), &error));
        g_assert_no_error (error);
        assert_file_contents (path, replacement, strlen (replacement));
        g_assert_cmpuint (count_entries (dir), ==, 1);
      }

  ik_test_rm_rf (dir);
}

static gboolean
failing_write (const char  *path,
               const char  *data,
               gsize        len,
               GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, g_strerror (EROFS));
  return FALSE;
}

static void
test_write_func (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autoptr(GError) error = NULL;

  ik_file_store_set_write_func (failing_write);
  g_assert_false (ik_file_store_write (path, "{}", 2, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  ik_file_store_set_write_func (NULL);
  g_assert_true (ik_file_store_write (path, "{}", 2, &error));
  g_assert_no_error (error);
  assert_file_contents (path, "{}", 2);

  ik_test_rm_rf (dir);
}

static void
test_mode_and_short_rewrite (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *long_data = g_strnfill (10000, 'x');
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  /* An existing file with a too open mode gets 0600 on rewrite. */
  g_assert_true (g_file_set_contents (path, long_data, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (ik_file_store_write (path, "short", 5, &error));
  g_assert_no_error (error);
  umask (old_umask);

  g_assert_cmpint (ik_test_file_mode (path), ==, 0600);
  /* Nothing of the longer old contents remains after the new end. */
  assert_file_contents (path, "short", 5);

  ik_test_rm_rf (dir);
}

static void
assert_read_refused (const char *path,
                     int         code)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_false (ik_file_store_read (path, 1024, &contents, &len, &error));
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_null (contents);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_read (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *zero = g_build_filename (dir, "zero.json", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *big_data = g_strnfill (1025, ' ');
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  g_assert_true (g_file_set_contents (file, "{ \"a\": 1 }", -1, NULL));
  g_assert_true (ik_file_store_read (file, 1024, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{ \"a\": 1 }");
  g_assert_cmpuint (len, ==, 10);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_read_refused (folder, G_IO_ERROR_IS_DIRECTORY);

  /* A FIFO without a writer would block a plain open() forever. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_read_refused (fifo, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  assert_read_refused (zero, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_cmpint (symlink ("/nonexistent/file.json", dangling), ==, 0);
  assert_read_refused (dangling, G_IO_ERROR_NOT_REGULAR_FILE);

  /* Even a link to a good file is refused. */
  g_assert_cmpint (symlink (file, link), ==, 0);
  assert_read_refused (link, G_IO_ERROR_NOT_REGULAR_FILE);

  g_assert_true (g_file_set_contents (big, big_data, -1, NULL));
  assert_read_refused (big, G_IO_ERROR_MESSAGE_TOO_LARGE);

  ik_test_rm_rf (dir);
}

static void
test_dirs_and_modes (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *file = g_build_filename (dir, "f.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0);

  g_assert_true (ik_file_store_ensure_dir (sub, &error));
  g_assert_no_error (error);
  umask (old_umask);
  g_assert_cmpint (ik_test_file_mode (sub), ==, 0700);

  g_assert_cmpint (g_chmod (sub, 0755), ==, 0);
  g_assert_true (ik_file_store_ensure_dir (sub, &error));
  g_assert_cmpint (ik_test_file_mode (sub), ==, 0700);

  g_assert_cmpint (symlink (sub, link), ==, 0);
  g_assert_false (ik_file_store_ensure_dir (link, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);

  g_assert_true (g_file_set_contents (file, "{}", -1, NULL));
  g_assert_cmpint (g_chmod (file, 0666), ==, 0);
  g_assert_true (ik_file_store_repair_mode (file));
  g_assert_cmpint (ik_test_file_mode (file), ==, 0600);
  g_assert_cmpint (g_chmod (sub, 0777), ==, 0);
  g_assert_true (ik_file_store_repair_mode (sub));
  g_assert_cmpint (ik_test_file_mode (sub), ==, 0700);

  ik_test_rm_rf (dir);
}

static void
test_temp_names (void)
{
  g_assert_true (ik_file_store_is_temp_name (".abc.json.ik-tmp-1234-Ab12Z9"));
  /* Names users pick for their own copies are never taken for ours. */
  g_assert_false (ik_file_store_is_temp_name ("abc.json.Ab12Z9"));
  g_assert_false (ik_file_store_is_temp_name ("mybank.json.backup"));
  g_assert_false (ik_file_store_is_temp_name ("interview.json.before"));
  g_assert_false (ik_file_store_is_temp_name (".abc.json.ik-tmp-x-Ab12Z9"));
  g_assert_false (ik_file_store_is_temp_name ("abc.json.ik-tmp-1234-Ab12Z9"));
  g_assert_false (ik_file_store_is_temp_name ("abc.json"));
  g_assert_false (ik_file_store_is_temp_name ("abc.json.tmp"));
  g_assert_false (ik_file_store_is_temp_name (".json.ABCDEF"));
  g_assert_false (ik_file_store_is_temp_name ("abc.txt.ABCDEF"));
}

/* Checks that @bytes hold @text around @holes (pairs) and at their first
 * and last bytes (what lies inside them is unset). */
static void
check_read_around (GBytes      *bytes,
                   const char  *text,
                   gsize        len,
                   const gsize *holes,
                   guint        n_holes)
{
  const char *data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, ==, len);
  g_assert_cmpint (data[len], ==, '\0');
  for (gsize i = 0; i < len; i++)
    {
      gboolean inside = FALSE;

      for (guint h = 0; h < n_holes; h++)
        inside |= i > holes[2 * h] && i + 1 < holes[2 * h + 1];
      if (!inside)
        g_assert_cmpint (data[i], ==, text[i]);
    }
}

/* A file read around what an earlier read found in it (an index): only
 * while it is in the state of that read, and only around holes that fit
 * in it; else it is read whole. A range of it read again later only while
 * it did not change. Small files and large ones. */
static void
test_read_around (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "file.json", NULL);

  for (guint large = 0; large <= 1; large++)
    {
      g_autoptr(GString) text = g_string_new ("{\"a\":");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      IkFileStamp known, stamp;
      gsize holes[4];
      gboolean around = TRUE;
      g_autofree char *whole = NULL;
      gsize len;

      holes[0] = text->len;
      g_string_append_c (text, '[');
      for (guint i = 0; i < (large ? 20000 : 20); i++)
        g_string_append_printf (text, "%u,", i);
      g_string_append (text, "0]");
      holes[1] = text->len;
      g_string_append (text, ",\"b\":");
      holes[2] = text->len;
      g_string_append (text, "{\"c\":\"ééé\"}");
      holes[3] = text->len;
      g_string_append (text, ",\"d\":true}");
      g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
      g_assert_true (ik_file_store_read_repaired (path, 1 << 20, &whole, &len, &known, &error));
      g_assert_no_error (error);

      g_assert_true (ik_file_store_read_around (path, 1 << 20, &known, holes, 2, &bytes, &stamp, &around, &error));
      g_assert_no_error (error);
      g_assert_true (around);
      g_assert_true (ik_file_stamp_equal (&stamp, &known));
      check_read_around (bytes, text->str, text->len, holes, 2);
      g_clear_pointer (&bytes, g_bytes_unref);

      /* No holes: the whole file, by the same way. */
      g_assert_true (ik_file_store_read_around (path, 1 << 20, &known, holes, 0, &bytes, NULL, &around, &error));
      g_assert_true (around);
      check_read_around (bytes, text->str, text->len, holes, 0);
      g_clear_pointer (&bytes, g_bytes_unref);

      /* Holes that do not fit: out of order, overlapping, past the end,
       * too short to have both ends. The file is read whole. */
      {
        const gsize bad[][4] = {
          { holes[2], holes[3], holes[0], holes[1] },
          { holes[0], holes[1], holes[1] - 1, holes[3] },
          { holes[0], holes[1], holes[2], text->len + 1 },
          { holes[0], holes[0] + 1, holes[2], holes[3] },
        };

        for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
          {
            g_assert_true (ik_file_store_read_around (path, 1 << 20, &known, bad[i], 2, &bytes, NULL, &around, &error));
            g_assert_no_error (error);
            g_assert_false (around);
            check_read_around (bytes, text->str, text->len, holes, 0);
            g_clear_pointer (&bytes, g_bytes_unref);
          }
      }

      /* A range read again while the file is unchanged; not past its end. */
      g_assert_true (ik_file_store_read_range (path, &known, holes[0], holes[1], &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, holes[1] - holes[0]);
      g_assert_cmpint (memcmp (g_bytes_get_data (bytes, NULL), text->str + holes[0], holes[1] - holes[0]), ==, 0);
      g_assert_cmpint (((const char *) g_bytes_get_data (bytes, NULL))[holes[1] - holes[0]], ==, '\0');
      g_clear_pointer (&bytes, g_bytes_unref);
      g_assert_false (ik_file_store_read_range (path, &known, holes[0], text->len + 1, &bytes, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
      g_assert_null (bytes);
      g_clear_error (&error);

      /* Changed by another program (same size, a new file renamed over
       * it): read whole, with its new stamp; the range is refused. */
      text->str[holes[0] + 1] = '7';
      g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
      g_assert_true (ik_file_store_read_around (path, 1 << 20, &known, holes, 2, &bytes, &stamp, &around, &error));
      g_assert_no_error (error);
      g_assert_false (around);
      g_assert_false (ik_file_stamp_equal (&stamp, &known));
      check_read_around (bytes, text->str, text->len, holes, 0);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_assert_false (ik_file_store_read_range (path, &known, holes[0], holes[1], &bytes, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
      g_clear_error (&error);

      /* Too large, and gone: errors, as a whole read gives them. */
      g_assert_false (ik_file_store_read_around (path, 16, &stamp, holes, 2, &bytes, NULL, &around, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
      g_assert_false (around);
      g_clear_error (&error);
      g_assert_no_errno (g_unlink (path));
      g_assert_false (ik_file_store_read_around (path, 1 << 20, &stamp, holes, 2, &bytes, NULL, &around, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_false (ik_file_store_read_range (path, &stamp, holes[0], holes[1], &bytes, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    }
  ik_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/file-store/faults-at-every-step", test_faults_at_every_step);
  g_test_add_func ("/file-store/write-func", test_write_func);
  g_test_add_func ("/file-store/mode-and-short-rewrite", test_mode_and_short_rewrite);
  g_test_add_func ("/file-store/read-refuses", test_read);
  g_test_add_func ("/file-store/dirs-and-modes", test_dirs_and_modes);
  g_test_add_func ("/file-store/temp-names", test_temp_names);
  g_test_add_func ("/file-store/read-around", test_read_around);

  return g_test_run ();
}
