/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files in and out: the bytes of a bank export, atomic export writes (in a
 * worker thread for the UI) and reading a file to import under the cap. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ik-bank-export.h"
#include "ik-export-files.h"
#include "ik-file-store.h"
#include "ik-guide-import.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-test-util.h"

typedef struct
{
  char   *dir;
  IkBank *bank;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = ik_test_make_tmpdir ();
  f->bank = ik_test_load_bundled_bank ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ik_file_store_set_fault_hook (NULL, NULL);
  g_clear_object (&f->bank);
  ik_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
assert_file_equals (const char *path,
                    GBytes     *bytes)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  read = g_bytes_new (contents, length);
  g_assert_true (g_bytes_equal (read, bytes));
}

/* Each format is byte for byte what the bank menu and the command line
 * wrote before they shared this function. */
static void
test_bank_bytes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = ik_bank_to_json (f->bank);
  g_autofree char *json = NULL;
  g_autofree char *markdown = ik_bank_to_markdown (f->bank);
  g_autofree char *guide = ik_bank_to_guide_text (f->bank);
  g_autoptr(GBytes) json_bytes = NULL;
  g_autoptr(GBytes) markdown_bytes = NULL;
  g_autoptr(GBytes) guide_bytes = NULL;
  g_autoptr(IkBank) read_back = NULL;
  gsize json_length = 0;

  json = ik_json_to_data (root, &json_length, &error);
  g_assert_no_error (error);

  json_bytes = ik_bank_export_bytes (f->bank, IK_BANK_FORMAT_JSON, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (json_bytes, NULL), g_bytes_get_size (json_bytes), json, json_length);

  markdown_bytes = ik_bank_export_bytes (f->bank, IK_BANK_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (markdown_bytes, NULL), g_bytes_get_size (markdown_bytes),
                   markdown, strlen (markdown));

  guide_bytes = ik_bank_export_bytes (f->bank, IK_BANK_FORMAT_GUIDE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (guide_bytes, NULL), g_bytes_get_size (guide_bytes), guide, strlen (guide));

  /* The Markdown export comes back as the same bank. */
  read_back = ik_bank_import_file_contents (g_bytes_get_data (markdown_bytes, NULL),
                                            g_bytes_get_size (markdown_bytes), "bank.md", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_title (read_back), ==, ik_bank_get_title (f->bank));
}

static void
test_format_names (Fixture       *f,
                   gconstpointer  data)
{
  const struct { const char *name; IkBankFormat format; } names[] = {
    { "json", IK_BANK_FORMAT_JSON },
    { "markdown", IK_BANK_FORMAT_MARKDOWN },
    { "md", IK_BANK_FORMAT_MARKDOWN },
    { "guide", IK_BANK_FORMAT_GUIDE },
    { "txt", IK_BANK_FORMAT_GUIDE },
  };
  IkBankFormat format = IK_BANK_FORMAT_JSON;
  g_autofree char *json_name = NULL;
  g_autofree char *md_name = NULL;
  g_autofree char *txt_name = NULL;
  g_autofree char *untitled = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (ik_bank_format_from_name (names[i].name, &format));
      g_assert_cmpint (format, ==, names[i].format);
    }
  g_assert_false (ik_bank_format_from_name ("docx", &format));
  g_assert_false (ik_bank_format_from_name (NULL, &format));

  ik_bank_set_title (f->bank, "Security: A/B");
  json_name = ik_bank_export_default_filename (f->bank, IK_BANK_FORMAT_JSON);
  md_name = ik_bank_export_default_filename (f->bank, IK_BANK_FORMAT_MARKDOWN);
  txt_name = ik_bank_export_default_filename (f->bank, IK_BANK_FORMAT_GUIDE);
  g_assert_cmpstr (json_name, ==, "Security- A-B.ikbank.json");
  g_assert_cmpstr (md_name, ==, "Security- A-B.md");
  g_assert_cmpstr (txt_name, ==, "Security- A-B.txt");
  /* A name starting with a dot would be hidden. */
  ik_bank_set_title (f->bank, ".hidden");
  untitled = ik_bank_export_default_filename (f->bank, IK_BANK_FORMAT_GUIDE);
  g_assert_cmpstr (untitled, ==, "Bank.txt");
}

static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) first = g_bytes_new_static ("first", 5);
  g_autoptr(GBytes) second = g_bytes_new_static ("second version", 14);
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_export_write_file (file, first, &error));
  g_assert_no_error (error);
  assert_file_equals (path, first);
  /* Replaced whole. */
  g_assert_true (ik_export_write_file (file, second, &error));
  g_assert_no_error (error);
  assert_file_equals (path, second);
  g_assert_cmpuint (ik_test_count_entries (f->dir), ==, 1);
}

static void
test_write_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bank.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = ik_bank_export_bytes (f->bank, IK_BANK_FORMAT_MARKDOWN, NULL);
  g_autoptr(GBytes) plain = g_bytes_new_static ("plain", 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *cancelled_path = g_build_filename (f->dir, "cancelled.txt", NULL);
  g_autoptr(GFile) cancelled_file = g_file_new_for_path (cancelled_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  ik_bank_export_file_async (f->bank, IK_BANK_FORMAT_MARKDOWN, file, NULL, ik_test_store_result, &slot);
  /* Only the worker's report, in the main loop, completes it. */
  g_assert_null (slot);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_bank_export_file_finish (result, &error));
  g_assert_no_error (error);
  assert_file_equals (path, expected);
  g_clear_object (&result);

  ik_export_write_file_async (file, plain, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_true (ik_export_write_file_finish (result, &error));
  g_assert_no_error (error);
  assert_file_equals (path, plain);
  g_clear_object (&result);

  /* Cancelled before the write: nothing is written. */
  g_cancellable_cancel (cancellable);
  ik_export_write_file_async (cancelled_file, plain, cancellable, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_false (ik_export_write_file_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
}

static int
fail_fsync (IkSaveStep  step,
            const char *path,
            gpointer    user_data)
{
  return step == IK_SAVE_STEP_FSYNC ? EIO : 0;
}

/* A failed write says why and leaves the old file as it was, without a
 * temporary file beside it. */
static void
test_write_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "kept.json", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) remote = g_file_new_for_uri ("http://example.invalid/bank.json");
  g_autoptr(GBytes) old = g_bytes_new_static ("old", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  g_assert_true (ik_export_write_file (file, old, NULL));

  ik_file_store_set_fault_hook (fail_fsync, NULL);
  g_assert_false (ik_export_write_file (file, old, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  ik_bank_export_file_async (f->bank, IK_BANK_FORMAT_JSON, file, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_false (ik_bank_export_file_finish (result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_strerror (EIO)));
  g_clear_error (&error);
  g_clear_object (&result);
  ik_file_store_set_fault_hook (NULL, NULL);
  assert_file_equals (path, old);
  g_assert_cmpuint (ik_test_count_entries (f->dir), ==, 1);

  ik_bank_export_file_async (f->bank, IK_BANK_FORMAT_GUIDE, missing_file, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_false (ik_bank_export_file_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (ik_export_write_file (remote, old, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_import_read (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "guide.txt", NULL);
  g_autofree char *big_path = g_build_filename (f->dir, "big.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GBytes) expected = g_bytes_new_static ("Questions\n", 10);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) read_async = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  FILE *fp;

  g_assert_true (g_file_set_contents (path, "Questions\n", -1, NULL));
  bytes = ik_import_read_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, expected));

  ik_import_read_file_async (file, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  read_async = ik_import_read_file_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read_async, expected));
  g_clear_object (&result);

  /* One byte over the cap (a sparse file): refused before it is read. */
  fp = g_fopen (big_path, "w");
  g_assert_nonnull (fp);
  g_assert_cmpint (fseek (fp, IK_LIMIT_IMPORT_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', fp), ==, 'x');
  g_assert_cmpint (fclose (fp), ==, 0);
  ik_import_read_file_async (big, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  g_assert_null (ik_import_read_file_finish (result, &error));
  g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10 MB"));
  g_clear_error (&error);

  g_assert_null (ik_import_read_file (folder, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/export-files/bank-bytes", test_bank_bytes);
  ADD ("/export-files/format-names", test_format_names);
  ADD ("/export-files/write", test_write);
  ADD ("/export-files/write-async", test_write_async);
  ADD ("/export-files/write-errors", test_write_errors);
  ADD ("/export-files/import-read", test_import_read);
#undef ADD

  return g_test_run ();
}
