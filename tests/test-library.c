/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of IkLibrary: loading, problems, autosave, failures, trash,
 * external changes. Every file the library must not touch is compared byte
 * for byte before and after. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-library-private.h"
#include "ik-test-util.h"

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @cond holds or @timeout_ms passed. */
static gboolean
iterate_until (Condition cond,
               gpointer  data,
               guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ik_library_load_finish (IK_LIBRARY (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static IkLibrary *
load_library (const char *dir)
{
  IkLibrary *library = ik_library_new (dir);
  gboolean done = FALSE;

  ik_library_load_async (library, NULL, load_done_cb, &done);
  g_assert_true (iterate_until (is_true, &done, 10000));
  g_assert_true (ik_library_get_loaded (library));
  return library;
}

static char *
path_in (const char *dir,
         const char *folder,
         const char *name)
{
  return g_build_filename (dir, folder, name, NULL);
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
assert_bytes_unchanged (const char *path,
                        GBytes     *before)
{
  g_autoptr(GBytes) now = read_bytes (path);

  g_assert_true (g_bytes_equal (before, now));
}

static char *
session_data (IkSession *session,
              gsize     *len)
{
  g_autoptr(JsonNode) root = ik_session_to_json (session);
  g_autoptr(GError) error = NULL;
  char *data = ik_json_to_data (root, len, &error);

  g_assert_no_error (error);
  return data;
}

static char *
bank_data (IkBank *bank,
           gsize  *len)
{
  g_autoptr(JsonNode) root = ik_bank_to_json (bank);
  g_autoptr(GError) error = NULL;
  char *data = ik_json_to_data (root, len, &error);

  g_assert_no_error (error);
  return data;
}

/* Writes @bank's file, named after its id; returns its path, and its
 * bytes in @bytes. */
static char *
write_bank (const char  *dir,
            IkBank      *bank,
            char       **bytes)
{
  g_autofree char *name = g_strdup_printf ("%s.json", ik_bank_get_id (bank));
  char *path = path_in (dir, "banks", name);
  gsize len;

  *bytes = bank_data (bank, &len);
  write_file (path, *bytes, len);
  return path;
}

/* Writes a valid session file named after its id; returns the id. */
static char *
write_session (const char *dir,
               const char *candidate)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len;

  ik_session_set_candidate_name (session, candidate);
  data = session_data (session, &len);
  name = g_strdup_printf ("%s.json", ik_session_get_id (session));
  path = path_in (dir, "sessions", name);
  write_file (path, data, len);
  return g_strdup (ik_session_get_id (session));
}

static char *
session_path (const char *dir,
              const char *id)
{
  g_autofree char *name = g_strdup_printf ("%s.json", id);

  return path_in (dir, "sessions", name);
}

static guint
count_bundled (void)
{
  g_auto(GStrv) names = NULL;

  /* Loading a library registers the bundled resource. */
  names = g_resources_enumerate_children (IK_LIBRARY_BUNDLED_BANKS_PATH, 0, NULL);
  return names != NULL ? g_strv_length (names) : 0;
}

static IkProblem *
find_problem (IkLibrary  *library,
              const char *path)
{
  GListModel *problems = ik_library_get_problems (library);

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, i);

      if (g_strcmp0 (ik_problem_get_path (problem), path) == 0)
        return problem;
    }
  return NULL;
}

static guint
count_problems_of_kind (IkLibrary     *library,
                        IkProblemKind  kind)
{
  GListModel *problems = ik_library_get_problems (library);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, i);

      if (ik_problem_get_kind (problem) == kind)
        n++;
    }
  return n;
}

/* Tests *************************************************************************/

static void
test_empty (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *root = g_build_filename (dir, "library", NULL);
  g_autoptr(IkLibrary) library = load_library (root);
  g_autofree char *banks = g_build_filename (root, "banks", NULL);
  g_autofree char *sessions = g_build_filename (root, "sessions", NULL);
  g_autofree char *trash = g_build_filename (root, "trash", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_banks (library)), ==, count_bundled ());
  g_assert_cmpint (ik_test_file_mode (root), ==, 0700);
  g_assert_cmpint (ik_test_file_mode (banks), ==, 0700);
  g_assert_cmpint (ik_test_file_mode (sessions), ==, 0700);
  g_assert_cmpint (ik_test_file_mode (trash), ==, 0700);
  g_assert_false (ik_library_get_has_error (library));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_bundled (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = load_library (dir);
  g_auto(GStrv) names = g_resources_enumerate_children (IK_LIBRARY_BUNDLED_BANKS_PATH, 0, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkBank) from_resource = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *user_name = NULL;
  IkBank *bank;
  IkBank *copy;
  const char *data;
  gsize len;

  if (names == NULL || names[0] == NULL)
    {
      g_test_skip ("no bundled bank in this build");
      return;
    }

  path = g_strconcat (IK_LIBRARY_BUNDLED_BANKS_PATH, names[0], NULL);
  bytes = g_resources_lookup_data (path, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  root = ik_json_parse (data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  from_resource = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);

  bank = ik_library_find_bank (library, ik_bank_get_id (from_resource));
  g_assert_nonnull (bank);
  g_assert_cmpint (ik_bank_get_origin (bank), ==, IK_BANK_ORIGIN_BUNDLED);
  g_assert_cmpstr (ik_bank_get_title (bank), ==, ik_bank_get_title (from_resource));

  /* Editing goes through a user copy with the same id, which replaces it. */
  copy = ik_library_make_user_copy (library, bank);
  g_assert_true (copy != bank);
  g_assert_cmpstr (ik_bank_get_id (copy), ==, ik_bank_get_id (bank));
  g_assert_cmpint (ik_bank_get_origin (copy), ==, IK_BANK_ORIGIN_USER);
  g_assert_true (ik_library_find_bank (library, ik_bank_get_id (bank)) == copy);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_banks (library)), ==, count_bundled ());
  g_assert_true (ik_library_make_user_copy (library, copy) == copy);

  ik_bank_set_title (copy, "My edited bank");
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  user_name = g_strdup_printf ("%s.json", ik_bank_get_id (copy));
  user_path = path_in (dir, "banks", user_name);
  g_assert_true (g_file_test (user_path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&library);

  /* The user copy hides the bundled bank at the next start. */
  library = load_library (dir);
  bank = ik_library_find_bank (library, ik_bank_get_id (from_resource));
  g_assert_cmpstr (ik_bank_get_title (bank), ==, "My edited bank");
  g_assert_cmpint (ik_bank_get_origin (bank), ==, IK_BANK_ORIGIN_USER);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_banks (library)), ==, count_bundled ());

  /* Removing it brings the bundled one back. */
  g_assert_true (ik_library_remove_bank (library, bank, &error));
  g_assert_no_error (error);
  bank = ik_library_find_bank (library, ik_bank_get_id (from_resource));
  g_assert_cmpint (ik_bank_get_origin (bank), ==, IK_BANK_ORIGIN_BUNDLED);
  g_assert_false (ik_library_remove_bank (library, bank, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

typedef struct
{
  const char    *name;
  IkProblemKind  kind;
  gboolean       located;
  char          *data;
  gsize          len;
} BadFile;

static void
test_bad_files (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *good_id = write_session (dir, "Good Candidate");
  g_autofree char *other_id = write_session (dir, "Other Candidate");
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkSession) wrong = ik_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("{ \"a\": ");
  g_autoptr(GString) huge = g_string_new ("{ \"format\": \"interview-kit/session\", \"version\": 1, \"id\": \"huge\", \"candidate_name\": \"");
  g_autofree char *valid = NULL;
  g_autofree char *duplicate = NULL;
  gsize valid_len;
  gsize duplicate_len;
  GBytes *before[16];
  char *paths[16];
  IkSession *good;
  BadFile bad[] = {
    { "corrupt.json", IK_PROBLEM_PARSE, TRUE, g_strdup ("{\n  \"format\": \"interview-kit/session\",\n  \"id\" \"x\"\n}\n"), 0 },
    { "truncated.json", IK_PROBLEM_PARSE, FALSE, NULL, 0 },
    { "empty.json", IK_PROBLEM_PARSE, FALSE, g_strdup (""), 0 },
    { "binary.json", IK_PROBLEM_PARSE, FALSE, g_memdup2 ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe", 18), 18 },
    { "deep.json", IK_PROBLEM_PARSE, FALSE, NULL, 0 },
    { "huge.json", IK_PROBLEM_VALIDATE, FALSE, NULL, 0 },
    { "wrongtype.json", IK_PROBLEM_VALIDATE, FALSE, NULL, 0 },
    { "duplicate.json", IK_PROBLEM_VALIDATE, FALSE, NULL, 0 },
    { "bad name!.json", IK_PROBLEM_VALIDATE, FALSE, g_strdup ("{}"), 0 },
    { "notes.txt", IK_PROBLEM_VALIDATE, FALSE, g_strdup ("hello"), 0 },
    { "abc.sync-conflict-20260101-101010-ABCDEFG.json", IK_PROBLEM_CONFLICT, FALSE, g_strdup ("{}"), 0 },
    { "abc (conflicted copy 2026-01-01).json", IK_PROBLEM_CONFLICT, FALSE, g_strdup ("{}"), 0 },
  };

  valid = session_data (wrong, &valid_len);
  bad[1].data = g_strndup (valid, valid_len / 2);

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  bad[4].data = g_strdup (deep->str);

  /* A 3 MB string: below the file size cap, far above any field's. */
  for (guint i = 0; i < 3 * 1024 * 1024; i++)
    g_string_append_c (huge, 'x');
  g_string_append (huge, "\" }\n");
  bad[5].data = g_strdup (huge->str);

  bad[6].data = g_strdup_printf ("{ \"format\": \"interview-kit/session\", \"version\": 1, \"id\": \"wrongtype\", \"candidate_name\": 42, \"records\": \"none\" }\n");

  /* Same contents as a good file: its id does not match its file name. */
  {
    g_autofree char *good_path = session_path (dir, good_id);

    g_file_get_contents (good_path, &duplicate, &duplicate_len, &error);
    g_assert_no_error (error);
    bad[7].data = g_steal_pointer (&duplicate);
    bad[7].len = duplicate_len;
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      paths[i] = path_in (dir, "sessions", bad[i].name);
      write_file (paths[i], bad[i].data, bad[i].len != 0 ? (gssize) bad[i].len : -1);
      before[i] = read_bytes (paths[i]);
    }

  library = load_library (dir);

  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 2);
  g_assert_nonnull (ik_library_find_session (library, good_id));
  g_assert_nonnull (ik_library_find_session (library, other_id));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, G_N_ELEMENTS (bad));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      IkProblem *problem = find_problem (library, paths[i]);

      g_test_message ("%s", bad[i].name);
      g_assert_nonnull (problem);
      g_assert_cmpint (ik_problem_get_kind (problem), ==, bad[i].kind);
      g_assert_cmpstr (ik_problem_get_message (problem), !=, "");
      if (bad[i].located)
        {
          g_assert_cmpuint (ik_problem_get_line (problem), ==, 3);
          g_assert_cmpuint (ik_problem_get_column (problem), >, 0);
        }
      assert_bytes_unchanged (paths[i], before[i]);
    }

  /* Saving the others never touches the broken files. */
  good = ik_library_find_session (library, good_id);
  ik_session_set_candidate_name (good, "Renamed");
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_clear_object (&library);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      assert_bytes_unchanged (paths[i], before[i]);
      g_bytes_unref (before[i]);
      g_free (paths[i]);
      g_free (bad[i].data);
    }

  ik_test_rm_rf (dir);
}

static void
test_special_files (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Someone");
  g_autofree char *fifo = path_in (dir, "sessions", "fifo.json");
  g_autofree char *zero = path_in (dir, "sessions", "zero.json");
  g_autofree char *folder = path_in (dir, "sessions", "folder.json");
  g_autofree char *dangling = path_in (dir, "sessions", "dangling.json");
  g_autoptr(IkLibrary) library = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent", dangling), ==, 0);

  library = load_library (dir);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 1);
  g_assert_cmpuint (count_problems_of_kind (library, IK_PROBLEM_READ), ==, 4);
  g_assert_nonnull (find_problem (library, fifo));
  g_assert_nonnull (find_problem (library, zero));
  g_assert_nonnull (find_problem (library, folder));
  g_assert_nonnull (find_problem (library, dangling));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_cleanup_and_modes (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Someone");
  g_autofree char *path = session_path (dir, id);
  g_autofree char *sessions = g_build_filename (dir, "sessions", NULL);
  /* Ours, from a process that is gone, five minutes old: deleted. */
  g_autofree char *temp = g_strdup_printf ("%s/.%s.json.ik-tmp-%d-a1B2c3", sessions, id, G_MAXINT);
  /* Ours, but young: a save of another process may be writing it. */
  g_autofree char *young_temp = g_strdup_printf ("%s/.%s.json.ik-tmp-%d-z9Y8x7", sessions, id, G_MAXINT);
  /* The user's own copies, with names the old code took for temporary
   * files: never deleted. */
  g_autofree char *backup = g_strconcat (path, ".backup", NULL);
  g_autofree char *before = g_strconcat (path, ".a1B2c3", NULL);
  struct utimbuf old_times;
  g_autofree char *trash = g_build_filename (dir, "trash", NULL);
  g_autofree char *old_trash = g_build_filename (trash, "session-abc-20000101T000000.000000Z.json", NULL);
  g_autofree char *new_trash = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autoptr(IkLibrary) library = NULL;

  new_trash = g_strdup_printf ("%s/session-def-%s.000000Z.json", trash, stamp);
  write_file (temp, "{ \"half\": ", -1);
  old_times.actime = old_times.modtime = time (NULL) - 6 * 60;
  g_assert_cmpint (utime (temp, &old_times), ==, 0);
  write_file (young_temp, "{ \"half\": ", -1);
  write_file (backup, "{ \"mine\": 1 }", -1);
  write_file (before, "{ \"mine\": 2 }", -1);
  write_file (old_trash, "{}", -1);
  write_file (new_trash, "{}", -1);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (sessions, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  library = load_library (dir);
  /* The two copies of the user's are listed (not loaded), not deleted. */
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 1);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (before, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_trash, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_trash, G_FILE_TEST_EXISTS));
  g_assert_cmpint (ik_test_file_mode (path), ==, 0600);
  g_assert_cmpint (ik_test_file_mode (sessions), ==, 0700);
  g_assert_cmpint (ik_test_file_mode (dir), ==, 0700);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

typedef struct
{
  IkLibrary *library;
  GObject   *object;
} DirtyCheck;

static gboolean
is_clean (gpointer data)
{
  DirtyCheck *check = data;

  return !ik_library_is_dirty (check->library, check->object);
}

typedef struct
{
  const char *path;
  const char *needle;
} FileContains;

static gboolean
file_contains (gpointer data)
{
  FileContains *fc = data;
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (fc->path, &contents, NULL, NULL))
    return FALSE;
  return strstr (contents, fc->needle) != NULL;
}

/* The autosave timer last started, recorded instead of left to the clock. */
static struct
{
  guint       id;
  guint       delay;
  GSourceFunc func;
  gpointer    data;
} last_timeout;

static gboolean
never_fires (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static guint
record_timeout (guint       delay_ms,
                GSourceFunc func,
                gpointer    data)
{
  last_timeout.delay = delay_ms;
  last_timeout.func = func;
  last_timeout.data = data;
  /* A real source, so that the library can remove it, that the main loop
   * never runs. */
  last_timeout.id = g_timeout_add_seconds (24 * 3600, never_fires, NULL);
  return last_timeout.id;
}

static void
fire_last_timeout (void)
{
  guint id = last_timeout.id;

  g_assert_nonnull (g_main_context_find_source_by_id (NULL, id));
  last_timeout.func (last_timeout.data);
  g_source_remove (id);
}

static void
test_autosave (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "First");
  g_autofree char *other_id = write_session (dir, "Untouched");
  g_autofree char *path = session_path (dir, id);
  g_autofree char *other_path = session_path (dir, other_id);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(IkSession) added = ik_session_new ();
  g_autofree char *added_path = NULL;
  struct stat other_before, other_after, first_before;
  FileContains fc = { path, "Second" };
  DirtyCheck dirty_check = { library, NULL };
  IkSession *session;
  guint first_timer;

  g_assert_cmpint (stat (other_path, &other_before), ==, 0);
  g_assert_cmpint (stat (path, &first_before), ==, 0);
  ik_library_set_autosave_delay (library, 300);
  session = ik_library_find_session (library, id);
  dirty_check.object = G_OBJECT (session);

  ik_library_set_add_timeout_func (library, record_timeout);
  ik_session_set_candidate_name (session, "Second");
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (session)));
  g_assert_false (file_contains (&fc));

  /* The save waits for the delay (the timer is the test's to fire). */
  g_assert_cmpuint (last_timeout.delay, ==, 300);
  fire_last_timeout ();
  g_assert_true (iterate_until (file_contains, &fc, 5000));
  g_assert_true (iterate_until (is_clean, &dirty_check, 5000));
  g_assert_cmpint (ik_test_file_mode (path), ==, 0600);

  /* Each change restarts the delay of that object: the first timer is
   * gone, the second runs the whole delay again. */
  fc.needle = "Third";
  ik_session_set_candidate_name (session, "Thir");
  first_timer = last_timeout.id;
  g_assert_nonnull (g_main_context_find_source_by_id (NULL, first_timer));
  ik_session_set_candidate_name (session, "Third");
  g_assert_null (g_main_context_find_source_by_id (NULL, first_timer));
  g_assert_cmpuint (last_timeout.id, !=, first_timer);
  g_assert_cmpuint (last_timeout.delay, ==, 300);
  g_assert_false (file_contains (&fc));
  fire_last_timeout ();
  g_assert_true (iterate_until (file_contains, &fc, 5000));
  ik_library_set_add_timeout_func (library, NULL);

  /* A session added to the library is written soon. */
  ik_session_set_candidate_name (added, "Added");
  ik_library_add_session (library, added);
  added_path = session_path (dir, ik_session_get_id (added));
  fc.path = added_path;
  fc.needle = "Added";
  g_assert_true (iterate_until (file_contains, &fc, 5000));

  /* The object nobody touched was never rewritten. */
  g_assert_cmpint (stat (other_path, &other_after), ==, 0);
  g_assert_cmpint (other_before.st_ino, ==, other_after.st_ino);
  g_assert_cmpint (other_before.st_mtim.tv_sec, ==, other_after.st_mtim.tv_sec);
  g_assert_cmpint (other_before.st_mtim.tv_nsec, ==, other_after.st_mtim.tv_nsec);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static gboolean
eacces_write (const char  *path,
              const char  *data,
              gsize        len,
              GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, g_strerror (EACCES));
  return FALSE;
}

static gboolean
has_error (gpointer library)
{
  return ik_library_get_has_error (library);
}

static gboolean
has_no_error (gpointer library)
{
  return !ik_library_get_has_error (library);
}

static void
test_write_failure (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Ada");
  g_autofree char *path = session_path (dir, id);
  g_autofree char *sessions = g_build_filename (dir, "sessions", NULL);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GError) error = NULL;
  gboolean real_chmod = geteuid () != 0;
  FileContains fc = { path, "Ada Lovelace" };
  IkSession *session = ik_library_find_session (library, id);

  ik_library_set_autosave_delay (library, 10);
  ik_library_set_retry_delay (library, 60000);

  /* Root ignores permissions: simulate the read-only folder then. */
  if (real_chmod)
    g_assert_cmpint (g_chmod (sessions, 0500), ==, 0);
  else
    ik_file_store_set_write_func (eacces_write);

  ik_session_set_candidate_name (session, "Ada Lovelace");
  g_assert_true (iterate_until (has_error, library, 5000));
  g_assert_nonnull (strstr (ik_library_get_error (library), "Ada Lovelace"));
  g_assert_nonnull (strstr (ik_library_get_error (library), g_strerror (EACCES)));
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (session)));
  assert_bytes_unchanged (path, before);

  g_assert_false (ik_library_flush (library, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  assert_bytes_unchanged (path, before);
  g_assert_true (ik_library_get_has_error (library));

  if (real_chmod)
    g_assert_cmpint (g_chmod (sessions, 0700), ==, 0);
  else
    ik_file_store_set_write_func (NULL);

  ik_library_retry_save (library);
  g_assert_true (iterate_until (has_no_error, library, 5000));
  g_assert_true (file_contains (&fc));
  g_assert_false (ik_library_is_dirty (library, G_OBJECT (session)));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_automatic_retry (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Grace");
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  FileContains fc = { path, "Grace Hopper" };

  ik_library_set_autosave_delay (library, 10);
  ik_library_set_retry_delay (library, 200);
  ik_file_store_set_write_func (eacces_write);
  ik_session_set_candidate_name (ik_library_find_session (library, id), "Grace Hopper");
  g_assert_true (iterate_until (has_error, library, 5000));
  ik_file_store_set_write_func (NULL);

  /* No user action: the periodic retry saves it. */
  g_assert_true (iterate_until (has_no_error, library, 5000));
  g_assert_true (file_contains (&fc));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_trash (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Trashed");
  g_autofree char *path = session_path (dir, id);
  g_autofree char *trash = g_build_filename (dir, "trash", NULL);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  g_autofree char *prefix = g_strdup_printf ("session-%s-", id);
  IkSession *session = ik_library_find_session (library, id);
  const char *name;
  guint n_trash = 0;

  g_assert_true (ik_library_remove_session (library, session, &error));
  g_assert_no_error (error);
  g_assert_null (ik_library_find_session (library, id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  d = g_dir_open (trash, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *trash_path = g_build_filename (trash, name, NULL);

      g_assert_true (g_str_has_prefix (name, prefix));
      assert_bytes_unchanged (trash_path, before);
      n_trash++;
    }
  g_assert_cmpuint (n_trash, ==, 1);

  session = ik_library_restore_session (library, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_true (ik_library_find_session (library, id) == session);
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Trashed");
  assert_bytes_unchanged (path, before);

  g_assert_null (ik_library_restore_session (library, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo by adding the removed object back also works. */
  g_object_ref (session);
  g_assert_true (ik_library_remove_session (library, session, &error));
  ik_library_add_session (library, session);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_object_unref (session);
  g_clear_object (&library);

  library = load_library (dir);
  g_assert_nonnull (ik_library_find_session (library, id));
  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

typedef struct
{
  IkLibrary  *library;
  const char *id;
  const char *name;
} SessionNamed;

static gboolean
session_named (gpointer data)
{
  SessionNamed *sn = data;
  IkSession *session = ik_library_find_session (sn->library, sn->id);

  return session != NULL && g_strcmp0 (ik_session_get_candidate_name (session), sn->name) == 0;
}

static void
write_session_variant (const char *path,
                       IkSession  *session,
                       const char *candidate)
{
  g_autoptr(JsonNode) root = ik_session_to_json (session);
  g_autoptr(IkSession) copy = ik_session_new_from_json (root, NULL);
  g_autofree char *data = NULL;
  gsize len;

  ik_session_set_candidate_name (copy, candidate);
  data = session_data (copy, &len);
  write_file (path, data, len);
}

static gboolean
has_resynced (gpointer library)
{
  return ik_library_get_n_resyncs (library) > 0;
}

static void
test_external_change (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Before");
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(IkSession) other = ik_session_new ();
  g_autofree char *other_data = NULL;
  g_autofree char *other_path = NULL;
  SessionNamed sn = { library, id, "Changed elsewhere" };
  IkSession *session;
  gsize len;

  /* Our own saves are not taken for external changes: the monitor reports
   * the save (the test fails if it never does), and nothing changes. */
  ik_library_set_autosave_delay (library, 10);
  session = ik_library_find_session (library, id);
  ik_session_set_candidate_name (session, "Ours");
  g_assert_true (iterate_until (has_resynced, library, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 0);
  g_assert_false (ik_library_is_dirty (library, G_OBJECT (session)));
  g_assert_true (ik_library_find_session (library, id) == session);
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Ours");

  write_session_variant (path, ik_library_find_session (library, id), "Changed elsewhere");
  g_assert_true (iterate_until (session_named, &sn, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 1);

  /* A file that appears is loaded. */
  ik_session_set_candidate_name (other, "New file");
  other_data = session_data (other, &len);
  other_path = session_path (dir, ik_session_get_id (other));
  write_file (other_path, other_data, len);
  sn.id = ik_session_get_id (other);
  sn.name = "New file";
  g_assert_true (iterate_until (session_named, &sn, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 0);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static gboolean
has_conflict (gpointer library)
{
  return count_problems_of_kind (library, IK_PROBLEM_CONFLICT) > 0;
}

static void
test_both_changed (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Original");
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkProblem) problem = NULL;
  g_autoptr(IkLibrary) reloaded = NULL;
  FileContains fc = { path, "Our edit" };
  IkSession *session = ik_library_find_session (library, id);
  DirtyCheck dirty_check = { library, G_OBJECT (session) };

  ik_library_set_autosave_delay (library, 60000);
  ik_session_set_candidate_name (session, "Our edit");
  write_session_variant (path, session, "Their edit");
  theirs = read_bytes (path);

  g_assert_true (iterate_until (has_conflict, library, 5000));
  problem = g_list_model_get_item (ik_library_get_problems (library), 0);
  g_assert_cmpint (ik_problem_get_kind (problem), ==, IK_PROBLEM_CONFLICT);
  g_assert_nonnull (strstr (ik_problem_get_path (problem), ".conflict-"));
  /* Theirs is kept byte for byte, ours is what the object still shows and
   * what gets saved. */
  assert_bytes_unchanged (ik_problem_get_path (problem), theirs);
  g_assert_true (ik_library_find_session (library, id) == session);
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Our edit");
  g_assert_true (iterate_until (is_clean, &dirty_check, 5000));
  g_assert_true (file_contains (&fc));

  /* The conflict copy is reported again at the next start, not loaded. */
  g_clear_object (&library);
  reloaded = load_library (dir);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (reloaded)), ==, 1);
  g_assert_cmpuint (count_problems_of_kind (reloaded, IK_PROBLEM_CONFLICT), ==, 1);
  g_assert_nonnull (find_problem (reloaded, ik_problem_get_path (problem)));

  g_clear_object (&reloaded);
  ik_test_rm_rf (dir);
}

static void
test_newer_version (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) bank = ik_bank_new ("From the future");
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *bank_name = g_strdup_printf ("%s.json", ik_bank_get_id (bank));
  g_autofree char *bank_path = path_in (dir, "banks", bank_name);
  g_autofree char *session_file = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bank_before = NULL;
  g_autoptr(GBytes) session_before = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new ("\"version\" : 1,", 0, 0, NULL);
  char *newer;
  IkBank *loaded;
  gsize len;

  data = bank_data (bank, &len);
  newer = g_regex_replace_literal (regex, data, len, 0, "\"version\" : 2, \"hologram\" : true,", 0, NULL);
  g_assert_nonnull (strstr (newer, "\"version\" : 2"));
  write_file (bank_path, newer, -1);
  g_free (newer);
  g_free (g_steal_pointer (&data));

  data = session_data (session, &len);
  newer = g_regex_replace_literal (regex, data, len, 0, "\"version\" : 3,", 0, NULL);
  g_assert_nonnull (strstr (newer, "\"version\" : 3"));
  session_file = session_path (dir, ik_session_get_id (session));
  write_file (session_file, newer, -1);
  g_free (newer);
  g_regex_unref (regex);

  bank_before = read_bytes (bank_path);
  session_before = read_bytes (session_file);

  library = load_library (dir);
  g_assert_cmpuint (count_problems_of_kind (library, IK_PROBLEM_NEWER_VERSION), ==, 2);
  g_assert_nonnull (find_problem (library, bank_path));
  g_assert_nonnull (find_problem (library, session_file));

  /* The bank is shown read-only and never written, even when changed. */
  loaded = ik_library_find_bank (library, ik_bank_get_id (bank));
  g_assert_nonnull (loaded);
  g_assert_true (ik_bank_get_read_only (loaded));
  ik_bank_set_title (loaded, "Edited anyway");
  g_assert_false (ik_library_is_dirty (library, G_OBJECT (loaded)));
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_false (ik_library_remove_bank (library, loaded, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_object (&library);

  assert_bytes_unchanged (bank_path, bank_before);
  assert_bytes_unchanged (session_file, session_before);
  ik_test_rm_rf (dir);
}

/* Rewrites @old_text (which must be in the file) with @new_text of the same
 * length in place: same inode, same size, only the times change. */
static void
rewrite_in_place (const char *path,
                  const char *old_text,
                  const char *new_text)
{
  g_autofree char *contents = NULL;
  const char *found;
  int fd;

  g_assert_cmpuint (strlen (old_text), ==, strlen (new_text));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  found = strstr (contents, old_text);
  g_assert_nonnull (found);
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, new_text, strlen (new_text), found - contents), ==, (gssize) strlen (new_text));
  g_assert_cmpint (close (fd), ==, 0);
}

/* Loading keeps no copy or hash of settled files, only their stamp; files
 * changed just before the load are hashed, since a second write in the
 * same clock tick would keep their stamp. Either way an edit in place of
 * the same size (same inode, same size, other bytes) is a change: with
 * unsaved edits of ours, a conflict. */
/* One in-place rewrite of the same size of a session with an edit of
 * ours, its file loaded as settled (older than the load's window for
 * racy stamps: the clock is moved on rather than waited for) or fresh. */
static void
check_in_place_rewrite (gboolean settled)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session (dir, "Written");
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = NULL;
  IkSession *session;

  /* Private already, or the load's repair of the mode would make its
   * stamp new. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  ik_library_set_clock_offset (settled ? 3 * G_GINT64_CONSTANT (1000000000) : 0);
  library = load_library (dir);
  ik_library_set_clock_offset (0);
  session = ik_library_find_session (library, id);

  ik_library_set_autosave_delay (library, 60000);
  ik_session_set_role (session, "Our edit");

  /* The rewrite (same size, maybe the same clock tick) is seen, and
   * merged with our edit of another member. */
  rewrite_in_place (path, "\"Written\"", "\"Writtex\"");
  g_assert_true (ik_library_flush (library, NULL));
  g_assert_true (ik_library_find_session (library, id) == session);
  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, "Writtex");
  g_assert_cmpstr (ik_session_get_role (session), ==, "Our edit");
  g_assert_cmpuint (count_problems_of_kind (library, IK_PROBLEM_CONFLICT), ==, 0);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_external_change_stamp (void)
{
  check_in_place_rewrite (TRUE);
  check_in_place_rewrite (FALSE);
}

/* A session's snapshot of a bank question, loaded with the bank, shares
 * the bank question's strings; editing either never changes the other. */
static void
test_snapshot_strings_shared (void)
{
  static const char * const areas[] = { "First area", "Second area", NULL };
  static const char * const edited[] = { "First area", "Changed area", NULL };
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) bank = ik_bank_new ("Bank");
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkQuestion) loaded_question = NULL;
  g_autoptr(IkQuestionRecord) record = NULL;
  g_autofree char *bank_path = NULL;
  g_autofree char *bank_bytes = NULL;
  g_autofree char *session_bytes = NULL;
  g_autofree char *session_file = NULL;
  IkQuestion *snapshot;
  IkBank *loaded_bank;
  gsize len;

  ik_question_set_text (question, "Tell me about a time you shipped a fix.");
  ik_question_set_areas (question, areas);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  ik_session_add_question (session, question);
  bank_path = write_bank (dir, bank, &bank_bytes);
  session_bytes = session_data (session, &len);
  session_file = session_path (dir, ik_session_get_id (session));
  write_file (session_file, session_bytes, len);

  library = load_library (dir);
  loaded_bank = ik_library_find_bank (library, ik_bank_get_id (bank));
  g_assert_nonnull (loaded_bank);
  loaded_question = g_list_model_get_item (ik_bank_get_questions (loaded_bank), 0);
  record = g_list_model_get_item (ik_session_get_records (ik_library_find_session (library, ik_session_get_id (session))), 0);
  snapshot = ik_question_record_get_question (record);
  g_assert_true (ik_question_get_text (snapshot) == ik_question_get_text (loaded_question));
  g_assert_true (ik_question_get_areas (snapshot)[1] == ik_question_get_areas (loaded_question)[1]);

  ik_library_set_autosave_delay (library, 60000);
  ik_question_set_text (loaded_question, "Edited in the bank");
  ik_question_set_areas (loaded_question, edited);
  g_assert_cmpstr (ik_question_get_text (snapshot), ==, "Tell me about a time you shipped a fix.");
  g_assert_true (g_strv_equal (ik_question_get_areas (snapshot), areas));
  g_assert_true (g_strv_equal (ik_question_get_areas (loaded_question), edited));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* The banks are shown as soon as they are read, before the library says
 * it is loaded (the sessions may still be loading, sharing the strings of
 * the bank's questions through the pool): a user who edits a question at
 * once loses nothing, and the sessions keep what they asked. */
typedef struct
{
  IkLibrary  *library;
  guint       n_calls;
  gboolean    loaded_then;
  guint       sessions_then;
} BanksArrived;

static void
on_banks_arrived (GListModel   *banks,
                  guint         position,
                  guint         removed,
                  guint         added,
                  BanksArrived *arrived)
{
  static const char * const edited[] = { "Edited area", NULL };

  arrived->n_calls++;
  arrived->loaded_then = ik_library_get_loaded (arrived->library);
  arrived->sessions_then = g_list_model_get_n_items (ik_library_get_sessions (arrived->library));
  for (guint b = position; b < position + added; b++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, b);
      GListModel *questions = ik_bank_get_questions (bank);

      for (guint q = 0; q < g_list_model_get_n_items (questions); q++)
        {
          g_autoptr(IkQuestion) question = g_list_model_get_item (questions, q);

          ik_question_set_text (question, "Edited while the sessions load");
          ik_question_set_areas (question, edited);
        }
    }
}

static void
test_banks_before_sessions (void)
{
  static const char * const areas[] = { "First area", "Second area", NULL };
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) bank = ik_bank_new ("Bank");
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkQuestion) loaded_question = NULL;
  g_autofree char *bank_path = NULL;
  g_autofree char *bank_bytes = NULL;
  g_autofree char *bank_again = NULL;
  BanksArrived arrived = { NULL, 0, TRUE, G_MAXUINT };
  gboolean done = FALSE;
  const guint n_sessions = 40;
  gsize len;

  ik_question_set_text (question, "Tell me about a time you shipped a fix.");
  ik_question_set_areas (question, areas);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  bank_path = write_bank (dir, bank, &bank_bytes);
  for (guint i = 0; i < n_sessions; i++)
    {
      g_autoptr(IkSession) session = ik_session_new ();
      g_autofree char *data = NULL;
      g_autofree char *file = NULL;

      ik_session_add_question (session, question);
      data = session_data (session, &len);
      file = session_path (dir, ik_session_get_id (session));
      write_file (file, data, len);
    }

  library = ik_library_new (dir);
  arrived.library = library;
  ik_library_set_autosave_delay (library, 60000);
  g_signal_connect (ik_library_get_banks (library), "items-changed", G_CALLBACK (on_banks_arrived), &arrived);
  ik_library_load_async (library, NULL, load_done_cb, &done);
  g_assert_true (iterate_until (is_true, &done, 10000));
  g_signal_handlers_disconnect_by_func (ik_library_get_banks (library), on_banks_arrived, &arrived);

  /* Once, before the sessions and before the library said it was loaded. */
  g_assert_cmpuint (arrived.n_calls, ==, 1);
  g_assert_false (arrived.loaded_then);
  g_assert_cmpuint (arrived.sessions_then, ==, 0);
  g_assert_true (ik_library_get_loaded (library));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, n_sessions);

  /* The edit is the bank's; every session still holds what it asked. */
  loaded_question = g_list_model_get_item (ik_bank_get_questions (ik_library_find_bank (library, ik_bank_get_id (bank))), 0);
  g_assert_cmpstr (ik_question_get_text (loaded_question), ==, "Edited while the sessions load");
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (ik_library_find_bank (library, ik_bank_get_id (bank)))));
  for (guint i = 0; i < n_sessions; i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (ik_library_get_sessions (library), i);
      g_autoptr(IkQuestionRecord) record = NULL;
      IkQuestion *snapshot;

      record = g_list_model_get_item (ik_session_get_records (session), 0);
      snapshot = ik_question_record_get_question (record);
      g_assert_cmpstr (ik_question_get_text (snapshot), ==, "Tell me about a time you shipped a fix.");
      g_assert_true (g_strv_equal (ik_question_get_areas (snapshot), areas));
    }

  /* The file is untouched until the edit is saved, then holds it. */
  g_assert_true (g_file_get_contents (bank_path, &bank_again, &len, NULL));
  g_assert_cmpstr (bank_again, ==, bank_bytes);
  ik_library_flush (library, NULL);
  g_clear_pointer (&bank_again, g_free);
  g_assert_true (g_file_get_contents (bank_path, &bank_again, &len, NULL));
  g_assert_nonnull (strstr (bank_again, "Edited while the sessions load"));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* Interviews whose bank is gone (or never was a file: the bundled bank),
 * read on every processor at a first start: the competency ids and tags
 * their questions share are shared across the load's threads, and each
 * interview's body is dropped as soon as it is checked. With GLib's
 * interned strings this crashed (a string freed by one thread was found
 * by another), most starts of a few hundred interviews. */
static void
test_sessions_without_banks (void)
{
  static const char * const tags[] = { "security", "privacy", "communication", NULL };
  static const char * const competencies[] = { "judgement", "ownership", NULL };
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = NULL;
  const guint n_sessions = 600;

  for (guint i = 0; i < n_sessions; i++)
    {
      g_autoptr(IkSession) session = ik_session_new ();
      g_autofree char *data = NULL;
      g_autofree char *file = NULL;
      gsize len;

      for (guint q = 0; q < 4; q++)
        {
          g_autoptr(IkQuestion) question = ik_question_new ();

          ik_question_set_text (question, "Tell me about a risk you accepted.");
          ik_question_set_tags (question, tags);
          ik_question_set_competencies (question, competencies);
          ik_session_add_question (session, question);
        }
      data = session_data (session, &len);
      file = session_path (dir, ik_session_get_id (session));
      write_file (file, data, len);
    }

  for (guint start = 0; start < 3; start++)
    {
      g_autofree char *index = NULL;
      g_autofree char *sessions_dir = path_in (dir, "sessions", NULL);

      /* Every start a first start: no index of the sessions. */
      index = ik_library_index_path (sessions_dir);
      g_unlink (index);
      library = load_library (dir);
      g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, n_sessions);
      g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 0);
      ik_library_index_wait ();
      g_clear_object (&library);
    }
  ik_test_rm_rf (dir);
}

/* The store contract (issue: "The store must never lose an edit") *************/

static IkQuestionRecord *
add_record (IkSession  *session,
            const char *text)
{
  g_autoptr(IkQuestion) question = ik_question_new ();

  ik_question_set_text (question, text);
  return ik_session_add_question (session, question);
}

/* A session with two records, saved by a library of its own. */
static char *
write_session_with_records (const char *dir)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize len;

  ik_session_set_candidate_name (session, "Two records");
  add_record (session, "First question");
  add_record (session, "Second question");
  data = session_data (session, &len);
  path = session_path (dir, ik_session_get_id (session));
  write_file (path, data, len);
  return g_strdup (ik_session_get_id (session));
}

static IkQuestionRecord *
record_at (IkSession *session,
           guint      i)
{
  g_autoptr(IkQuestionRecord) record = g_list_model_get_item (ik_session_get_records (session), i);

  return record;
}

/* Another program's version of the session: @session's current file with
 * record @index's notes set to @notes (or the role set, for -1). */
static void
write_their_version (const char *path,
                     int         index,
                     const char *text,
                     gboolean    atomically)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(JsonNode) root = ik_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, NULL, NULL);
  g_autoptr(IkSession) theirs = ik_session_new_from_json (root, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_nonnull (theirs);
  if (index < 0)
    ik_session_set_role (theirs, text);
  else
    ik_question_record_set_notes (record_at (theirs, (guint) index), text);
  data = session_data (theirs, &len);
  if (atomically)
    write_file (path, data, len);
  else
    {
      /* In place, as some sync clients and editors write. */
      int fd = open (path, O_WRONLY | O_TRUNC);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (write (fd, data, len), ==, (gssize) len);
      close (fd);
    }
}

static gboolean
file_has (const char *path,
          const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* A session written before keep_until existed gets the default date in
 * memory (months after its interview, from the library's retention
 * period); its file is not rewritten for that, only at its next save for
 * another reason. A session with its own date keeps it. */
static void
test_retention_default (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkSession) old = ik_session_new ();
  g_autoptr(IkSession) dated = ik_session_new ();
  g_autoptr(GDateTime) scheduled = g_date_time_new_from_iso8601 ("2024-04-10T09:00:00Z", NULL);
  g_autoptr(GDateTime) own = g_date_time_new_from_iso8601 ("2030-01-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) expected = g_date_time_add_months (scheduled, 6);
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *dated_path = NULL;
  g_autofree char *old_data = NULL;
  g_autofree char *dated_data = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len;
  IkSession *loaded;

  ik_session_set_scheduled (old, scheduled);
  ik_session_set_candidate_name (old, "From an older version");
  old_data = session_data (old, &len);
  g_assert_null (strstr (old_data, "keep_until"));
  old_path = session_path (dir, ik_session_get_id (old));
  write_file (old_path, old_data, len);
  ik_session_set_keep_until (dated, own);
  dated_data = session_data (dated, &len);
  dated_path = session_path (dir, ik_session_get_id (dated));
  write_file (dated_path, dated_data, len);

  library = ik_library_new (dir);
  ik_library_set_retention_months (library, 6);
  g_assert_cmpuint (ik_library_get_retention_months (library), ==, 6);
  {
    gboolean done = FALSE;

    ik_library_load_async (library, NULL, load_done_cb, &done);
    g_assert_true (iterate_until (is_true, &done, 10000));
  }
  ik_library_set_autosave_delay (library, 60000);

  loaded = ik_library_find_session (library, ik_session_get_id (old));
  g_assert_nonnull (ik_session_get_keep_until (loaded));
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (loaded), expected));
  g_assert_false (ik_library_is_dirty (library, G_OBJECT (loaded)));
  g_assert_true (g_date_time_equal (ik_session_get_keep_until (ik_library_find_session (library, ik_session_get_id (dated))),
                                    own));

  /* Not written for that... */
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (old_path, &before, NULL, NULL));
  g_assert_cmpstr (before, ==, old_data);

  /* ...but with the next edit. */
  ik_session_set_role (loaded, "Engineer");
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (old_path, &after, NULL, NULL));
  g_assert_nonnull (strstr (after, "\"keep_until\""));

  /* A new session gets it too. */
  {
    g_autoptr(IkSession) fresh = ik_session_new ();

    ik_session_set_scheduled (fresh, scheduled);
    ik_library_add_session (library, fresh);
    g_assert_true (g_date_time_equal (ik_session_get_keep_until (fresh), expected));
  }

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* The sessions past their date at a given time, oldest date first; a
 * session without a date never is. */
static void
test_expired_sessions (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2027-06-15T12:00:00Z", NULL);
  static const char * const dates[] = {
    "2027-06-15T12:00:00Z",    /* exactly now: past */
    "2027-06-15T12:00:01Z",    /* a second later: not yet */
    "2026-01-01T00:00:00Z",    /* long past */
    NULL,                      /* kept without a date */
  };
  IkSession *sessions[G_N_ELEMENTS (dates)];
  g_autoptr(GPtrArray) expired = NULL;

  ik_library_set_retention_months (library, 0);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(IkSession) session = ik_session_new ();
      g_autoptr(GDateTime) keep_until = dates[i] != NULL ? g_date_time_new_from_iso8601 (dates[i], NULL) : NULL;

      ik_session_set_keep_until (session, keep_until);
      sessions[i] = ik_library_add_session (library, session);
    }
  g_assert_null (ik_session_get_keep_until (sessions[3]));

  expired = ik_library_list_expired_sessions (library, now);
  g_assert_cmpuint (expired->len, ==, 2);
  g_assert_true (g_ptr_array_index (expired, 0) == sessions[2]);
  g_assert_true (g_ptr_array_index (expired, 1) == sessions[0]);
  g_clear_pointer (&expired, g_ptr_array_unref);

  /* A day later, the second one too; nothing is changed by listing. */
  {
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

    expired = ik_library_list_expired_sessions (library, tomorrow);
    g_assert_cmpuint (expired->len, ==, 3);
    g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 4);
  }

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* Case 1: a sync client's partial copy, then its complete version. */
static void
test_partial_file_then_complete (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  IkSession *session = ik_library_find_session (library, id);
  g_autoptr(GBytes) complete = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  ik_library_set_autosave_delay (library, 60000);
  ik_question_record_set_notes (record_at (session, 0), "Local notes typed here");

  /* The remote version, first cut off halfway. */
  write_their_version (path, 1, "Remote notes", TRUE);
  complete = read_bytes (path);
  data = g_bytes_get_data (complete, &len);
  write_file (path, data, len / 2);

  /* Nothing can be saved, and flush says so; the edit stays in memory. */
  g_assert_false (ik_library_flush (library, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (session)));
  g_assert_nonnull (find_problem (library, path));
  g_assert_false (file_has (path, "Local notes typed here"));

  /* The complete version arrives: merged (the edits touch different
   * records), saved, and the problem is gone. */
  write_file (path, data, len);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_true (file_has (path, "Local notes typed here"));
  g_assert_true (file_has (path, "Remote notes"));
  g_assert_null (find_problem (library, path));
  g_assert_true (ik_library_find_session (library, id) == session);
  g_assert_cmpstr (ik_question_record_get_notes (record_at (session, 1)), ==, "Remote notes");

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

typedef struct
{
  IkSaveStep  step;
  const char *path;
  int         index;
  const char *text;
  gboolean    atomically;
  gboolean    done;
} InjectedWrite;

/* Another program writes while our save is at @step. */
static int
inject_write_hook (IkSaveStep  step,
                   const char *path,
                   gpointer    user_data)
{
  InjectedWrite *inject = user_data;

  if (!inject->done && step == inject->step && strcmp (path, inject->path) == 0)
    {
      inject->done = TRUE;
      write_their_version (path, inject->index, inject->text, inject->atomically);
    }
  return 0;
}

/* Case 2: another writer at every step of a save; different members merge,
 * the same member gives a conflict copy; nothing is lost either way. */
static void
test_injected_writes (void)
{
  const IkSaveStep steps[] = { IK_SAVE_STEP_OPEN, IK_SAVE_STEP_WRITE, IK_SAVE_STEP_FSYNC, IK_SAVE_STEP_RENAME };

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    for (guint same = 0; same <= 1; same++)
      for (guint atomically = 0; atomically <= 1; atomically++)
        {
          g_autofree char *dir = ik_test_make_tmpdir ();
          g_autofree char *id = write_session_with_records (dir);
          g_autofree char *path = session_path (dir, id);
          g_autoptr(IkLibrary) library = load_library (dir);
          IkSession *session = ik_library_find_session (library, id);
          g_autofree char *theirs = g_strdup_printf ("Their notes %u %u %u", s, same, atomically);
          g_autofree char *ours = g_strdup_printf ("Our notes %u %u %u", s, same, atomically);
          InjectedWrite inject = { steps[s], path, same ? 0 : 1, theirs, atomically, FALSE };
          g_autoptr(GError) error = NULL;

          ik_library_set_autosave_delay (library, 60000);
          ik_question_record_set_notes (record_at (session, 0), ours);
          ik_file_store_set_fault_hook (inject_write_hook, &inject);
          g_assert_true (ik_library_flush (library, &error));
          ik_file_store_set_fault_hook (NULL, NULL);
          g_assert_no_error (error);
          g_assert_true (inject.done);

          g_assert_true (file_has (path, ours));
          if (!same)
            {
              /* Merged, on the disk and in memory. */
              g_assert_true (file_has (path, theirs));
              g_assert_cmpstr (ik_question_record_get_notes (record_at (session, 1)), ==, theirs);
              g_assert_cmpuint (count_problems_of_kind (library, IK_PROBLEM_CONFLICT), ==, 0);
            }
          else
            {
              /* Ours in the file, theirs kept aside, and the user told. */
              g_autoptr(IkProblem) problem = NULL;

              g_assert_cmpuint (count_problems_of_kind (library, IK_PROBLEM_CONFLICT), ==, 1);
              problem = g_list_model_get_item (ik_library_get_problems (library), 0);
              g_assert_nonnull (strstr (ik_problem_get_path (problem), ".conflict-"));
              g_assert_true (file_has (ik_problem_get_path (problem), theirs));
            }

          g_clear_object (&library);
          ik_test_rm_rf (dir);
        }
}

/* Case 2, between two libraries in one process (two real processes: the
 * store-stress test): edits of different records 0 ms apart. */
static void
test_two_writers (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) first = load_library (dir);
  g_autoptr(IkLibrary) second = load_library (dir);
  g_autoptr(IkLibrary) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  ik_library_set_autosave_delay (first, 60000);
  ik_library_set_autosave_delay (second, 60000);
  ik_question_record_set_notes (record_at (ik_library_find_session (first, id), 0), "Edit of the first");
  ik_question_record_set_notes (record_at (ik_library_find_session (second, id), 1), "Edit of the second");
  g_assert_true (ik_library_flush (first, &error));
  g_assert_true (ik_library_flush (second, &error));
  g_assert_no_error (error);

  g_assert_true (file_has (path, "Edit of the first"));
  g_assert_true (file_has (path, "Edit of the second"));
  g_assert_cmpstr (ik_question_record_get_notes (record_at (ik_library_find_session (second, id), 0)), ==, "Edit of the first");

  g_clear_object (&first);
  g_clear_object (&second);
  reloaded = load_library (dir);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (reloaded)), ==, 0);
  g_clear_object (&reloaded);
  ik_test_rm_rf (dir);
}

/* Case 4: a file the library could not use is never replaced. */
static void
test_problem_files_kept (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) bank = ik_bank_new ("Imported twice");
  g_autofree char *name = g_strdup_printf ("%s.json", ik_bank_get_id (bank));
  g_autofree char *path = path_in (dir, "banks", name);
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *session_file = session_path (dir, ik_session_get_id (session));
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  IkBank *added;

  write_file (path, "{ \"format\": \"interview-kit/bank\", \"ver", -1);
  truncated = read_bytes (path);
  library = load_library (dir);
  g_assert_nonnull (find_problem (library, path));

  added = ik_library_add_bank (library, bank);
  g_assert_nonnull (added);
  g_assert_cmpstr (ik_bank_get_id (added), !=, ik_bank_get_id (bank));
  g_assert_cmpstr (ik_bank_get_title (added), ==, "Imported twice");
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  assert_bytes_unchanged (path, truncated);

  /* Restoring from the trash does not rename over a newer version's file. */
  ik_library_add_session (library, session);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_true (ik_library_remove_session (library, session, &error));
  g_assert_no_error (error);
  write_file (session_file, "{ \"format\": \"interview-kit/session\", \"version\": 99, \"id\": \"x\" }", -1);
  newer = read_bytes (session_file);
  g_assert_null (ik_library_restore_session (library, ik_session_get_id (session), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  assert_bytes_unchanged (session_file, newer);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

typedef struct
{
  IkQuestionRecord *record;
  const char       *path;
  guint             typed;
  gboolean          saved_while_typing;
  guint             typing_id;
} Typist;

static gboolean
type_key_cb (gpointer user_data)
{
  Typist *typist = user_data;
  g_autofree char *notes = g_strdup_printf ("%sx", ik_question_record_get_notes (typist->record));

  ik_question_record_set_notes (typist->record, notes);
  typist->typed++;
  if (file_has (typist->path, "xxxxx"))
    typist->saved_while_typing = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
saved_or_gave_up (gpointer user_data)
{
  Typist *typist = user_data;

  /* 200 keys at 50 ms: 10 s of typing without a pause. */
  return typist->saved_while_typing || typist->typed >= 200;
}

/* Case 6: steady typing does not hold the save back. */
static void
test_autosave_while_typing (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  Typist typist = { record_at (ik_library_find_session (library, id), 0), path, 0, FALSE, 0 };

  ik_library_set_autosave_delay (library, IK_LIBRARY_AUTOSAVE_DELAY_MS);
  typist.typing_id = g_timeout_add (50, type_key_cb, &typist);
  g_assert_true (iterate_until (saved_or_gave_up, &typist, 60000));
  g_source_remove (typist.typing_id);
  g_test_message ("keys typed before the first save: %u", typist.typed);
  g_assert_true (typist.saved_while_typing);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* Case 7: a folder the owner made read-only stays so and is not written;
 * a symbolic link in place of a folder is neither read nor written. */
/* A bank edited the moment it is shown, before the library is loaded, in
 * a banks folder its owner made read-only: refused with the reason, the
 * file untouched (root included), the edit kept. */
typedef struct
{
  IkLibrary  *library;
  const char *bank_id;
  gboolean    refused;
} EditedEarly;

static void
on_banks_arrived_edit (GListModel  *banks,
                       guint        position,
                       guint        removed,
                       guint        added,
                       EditedEarly *early)
{
  IkBank *bank = ik_library_find_bank (early->library, early->bank_id);
  g_autoptr(IkQuestion) question = NULL;
  g_autoptr(GError) error = NULL;

  if (bank == NULL || ik_library_get_loaded (early->library))
    return;
  question = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  ik_question_set_text (question, "Edited before the sessions were read");
  early->refused = !ik_library_flush (early->library, &error);
  early->refused = early->refused &&
                   g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
}

static void
test_banks_before_sessions_read_only (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *banks_dir = g_build_filename (dir, "banks", NULL);
  g_autoptr(IkBank) bank = ik_bank_new ("Bank");
  g_autoptr(IkQuestion) question = ik_question_new ();
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *bank_path = NULL;
  g_autofree char *bank_bytes = NULL;
  g_autofree char *session_id = write_session_with_records (dir);
  EditedEarly early = { NULL, ik_bank_get_id (bank), FALSE };
  gboolean done = FALSE;

  ik_question_set_text (question, "Tell me about a time you shipped a fix.");
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  bank_path = write_bank (dir, bank, &bank_bytes);
  before = read_bytes (bank_path);
  g_assert_cmpint (g_chmod (banks_dir, 0500), ==, 0);

  library = ik_library_new (dir);
  early.library = library;
  ik_library_set_autosave_delay (library, 60000);
  g_signal_connect (ik_library_get_banks (library), "items-changed", G_CALLBACK (on_banks_arrived_edit), &early);
  ik_library_load_async (library, NULL, load_done_cb, &done);
  g_assert_true (iterate_until (is_true, &done, 10000));
  g_signal_handlers_disconnect_by_func (ik_library_get_banks (library), on_banks_arrived_edit, &early);

  g_assert_true (early.refused);
  assert_bytes_unchanged (bank_path, before);
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (ik_library_find_bank (library, ik_bank_get_id (bank)))));
  g_assert_nonnull (ik_library_find_session (library, session_id));

  g_clear_object (&library);
  g_assert_cmpint (g_chmod (banks_dir, 0700), ==, 0);
  ik_test_rm_rf (dir);
}

static void
test_read_only_and_linked_folders (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autofree char *sessions = g_build_filename (dir, "sessions", NULL);
  g_autofree char *banks = g_build_filename (dir, "banks", NULL);
  g_autofree char *outside = g_build_filename (dir, "outside", NULL);
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(IkBank) bank = ik_bank_new ("Through a link");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_cmpint (g_mkdir (outside, 0700), ==, 0);
  g_assert_cmpint (symlink (outside, banks), ==, 0);
  g_assert_cmpint (g_chmod (sessions, 0500), ==, 0);

  library = load_library (dir);
  g_assert_cmpint (ik_test_file_mode (sessions), ==, 0500);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 1);
  g_assert_nonnull (find_problem (library, sessions));
  g_assert_nonnull (find_problem (library, banks));

  ik_session_set_role (ik_library_find_session (library, id), "Edited in a read-only library");
  ik_library_add_bank (library, bank);
  g_assert_false (ik_library_flush (library, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  assert_bytes_unchanged (path, before);
  g_assert_true (ik_library_is_dirty (library, G_OBJECT (ik_library_find_session (library, id))));
  listing = g_dir_open (outside, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  g_clear_object (&library);
  g_assert_cmpint (g_chmod (sessions, 0700), ==, 0);
  ik_test_rm_rf (dir);
}

static gboolean
session_has_role (gpointer data)
{
  SessionNamed *sn = data;
  IkSession *session = ik_library_find_session (sn->library, sn->id);

  return session != NULL && g_strcmp0 (ik_session_get_role (session), "Role set elsewhere") == 0;
}

/* Case 8 in the model: a clean object changed elsewhere is updated in
 * place; the library never swaps it for another. */
static void
test_external_change_in_place (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  IkSession *session = ik_library_find_session (library, id);
  g_autoptr(GError) error = NULL;
  SessionNamed sn = { library, id, NULL };

  write_their_version (path, -1, "Role set elsewhere", TRUE);
  g_assert_true (iterate_until (session_has_role, &sn, 5000));
  g_assert_true (ik_library_find_session (library, id) == session);

  ik_question_record_set_notes (record_at (session, 0), "Edited afterwards");
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_assert_true (file_has (path, "Role set elsewhere"));
  g_assert_true (file_has (path, "Edited afterwards"));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* "Restore Original Questions": the user's copy of a bundled bank goes to
 * the trash (so the restore can be undone) and the bank as shipped shows
 * again; no other bank is ever touched. */
static void
test_restore_bundled (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(IkBank) own = ik_bank_new ("My own bank");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) own_bytes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *user_name = NULL;
  g_autofree char *user_path = NULL;
  g_autofree char *own_name = NULL;
  g_autofree char *own_path = NULL;
  g_autofree char *trash_dir = path_in (dir, "trash", "");
  g_autoptr(GDir) trash = NULL;
  IkBank *bundled = NULL;
  IkBank *copy;
  IkBank *added;
  const char *name;
  guint in_trash = 0;

  for (guint i = 0; i < g_list_model_get_n_items (ik_library_get_banks (library)) && bundled == NULL; i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (ik_library_get_banks (library), i);

      if (ik_bank_get_origin (bank) == IK_BANK_ORIGIN_BUNDLED)
        bundled = bank;
    }
  if (bundled == NULL)
    {
      g_test_skip ("no bundled bank in this build");
      return;
    }
  id = g_strdup (ik_bank_get_id (bundled));
  title = g_strdup (ik_bank_get_title (bundled));
  g_assert_true (ik_library_find_bundled_bank (library, id) == bundled);
  g_assert_null (ik_library_find_bundled_bank (library, "no-such-bank"));

  /* The bundled bank itself has nothing to restore. */
  g_assert_null (ik_library_restore_bundled_bank (library, bundled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  copy = ik_library_make_user_copy (library, bundled);
  ik_bank_set_title (copy, "Edited copy");
  added = ik_library_add_bank (library, own);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  user_name = g_strdup_printf ("%s.json", id);
  user_path = path_in (dir, "banks", user_name);
  own_name = g_strdup_printf ("%s.json", ik_bank_get_id (added));
  own_path = path_in (dir, "banks", own_name);
  g_assert_true (g_file_test (user_path, G_FILE_TEST_IS_REGULAR));
  own_bytes = read_bytes (own_path);

  /* A bank of the user's own is not a copy: refused, its file untouched. */
  g_assert_null (ik_library_restore_bundled_bank (library, added, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  assert_bytes_unchanged (own_path, own_bytes);

  g_assert_true (ik_library_restore_bundled_bank (library, copy, &error) == bundled);
  g_assert_no_error (error);
  g_assert_true (ik_library_find_bank (library, id) == bundled);
  g_assert_cmpstr (ik_bank_get_title (bundled), ==, title);
  g_assert_cmpint (ik_bank_get_origin (bundled), ==, IK_BANK_ORIGIN_BUNDLED);
  g_assert_false (g_file_test (user_path, G_FILE_TEST_EXISTS));
  assert_bytes_unchanged (own_path, own_bytes);
  trash = g_dir_open (trash_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (trash)) != NULL)
    in_trash += g_str_has_prefix (name, "bank-") && strstr (name, id) != NULL;
  g_assert_cmpuint (in_trash, ==, 1);

  /* Undo: the edited copy comes back from the trash. */
  copy = ik_library_restore_bank (library, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (ik_bank_get_title (copy), ==, "Edited copy");
  g_assert_true (ik_library_find_bank (library, id) == copy);
  g_assert_true (g_file_test (user_path, G_FILE_TEST_IS_REGULAR));

  /* The restore holds across a restart. */
  g_assert_true (ik_library_restore_bundled_bank (library, copy, &error) == bundled);
  g_assert_no_error (error);
  g_assert_true (ik_library_flush (library, &error));
  g_clear_object (&library);
  library = load_library (dir);
  g_assert_cmpint (ik_bank_get_origin (ik_library_find_bank (library, id)), ==, IK_BANK_ORIGIN_BUNDLED);
  g_assert_cmpstr (ik_bank_get_title (ik_library_find_bank (library, id)), ==, title);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* The interview the app goes back to when it is opened again: the one
 * in progress, read back from its file. */
static void
test_session_in_progress (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(IkSession) planned = ik_session_new ();
  g_autoptr(IkSession) running = ik_session_new ();
  g_autofree char *running_id = NULL;
  g_autoptr(GError) error = NULL;

  ik_library_add_session (library, planned);
  ik_library_add_session (library, running);
  running_id = g_strdup (ik_session_get_id (running));
  g_assert_null (ik_library_find_session_in_progress (library));

  ik_session_set_state (running, IK_SESSION_STATE_IN_PROGRESS);
  g_assert_true (ik_library_find_session_in_progress (library) == running);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_clear_object (&library);

  library = load_library (dir);
  g_assert_nonnull (ik_library_find_session_in_progress (library));
  g_assert_cmpstr (ik_session_get_id (ik_library_find_session_in_progress (library)), ==, running_id);
  g_clear_object (&library);
  ik_test_rm_rf (dir);
}


/* The browser's "Used in N past interviews": ik_library_count_question_usage()
 * against a walk over every session's records, after random additions and
 * removals of sessions and records and reloads of a session from its file,
 * asked after one change or after several. */
static guint
walk_usage (IkLibrary  *library,
            const char *question_id)
{
  GListModel *sessions = ik_library_get_sessions (library);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      GListModel *records = ik_session_get_records (session);
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (records) && !found; j++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, j);

          found = g_strcmp0 (ik_question_get_id (ik_question_record_get_question (record)), question_id) == 0;
        }
      count += found;
    }
  return count;
}

static IkSession *
random_session (IkLibrary *library,
                GRand     *rand)
{
  GListModel *sessions = ik_library_get_sessions (library);
  guint n = g_list_model_get_n_items (sessions);
  g_autoptr(IkSession) session = n > 0 ? g_list_model_get_item (sessions, g_rand_int_range (rand, 0, n)) : NULL;

  return session;
}

/* Sessions are loaded with their records and scorecard away from memory
 * (issue 15): what lists show stays, the body comes back from the file
 * when first asked for, and an edit brings it back before anything is
 * saved, so a save never writes a session without its records. */
static void
test_body_away (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(IkLibrary) again = NULL;
  g_auto(GStrv) ids = NULL;
  IkSession *session = ik_library_find_session (library, id);
  IkSession *reloaded;

  g_assert_nonnull (session);
  g_assert_false (ik_session_get_body_loaded (session));
  g_assert_cmpuint (ik_session_get_n_records (session), ==, 2);
  g_assert_false (ik_session_get_scorecard_altered (session));
  ids = ik_session_dup_question_ids (session);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);

  /* A header edit: the records come back first and are saved with it. */
  ik_library_set_autosave_delay (library, 60000);
  ik_session_set_role (session, "Edited while away");
  g_assert_true (ik_session_get_body_loaded (session));
  g_assert_true (ik_library_flush (library, NULL));
  g_assert_true (file_has (path, "Second question"));

  again = load_library (dir);
  reloaded = ik_library_find_session (again, id);
  g_assert_cmpstr (ik_session_get_role (reloaded), ==, "Edited while away");
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (reloaded)), ==, 2);
  g_assert_cmpstr (ik_question_get_text (ik_question_record_get_question (record_at (reloaded, 1))),
                   ==, "Second question");
  g_assert_false (ik_session_get_body_lost (reloaded));

  g_clear_object (&again);
  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* Another program rewrote the file between the load and the first look at
 * the body: the body is theirs, and an edit of ours keeps it. */
static void
test_body_away_changed (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  IkSession *session = ik_library_find_session (library, id);

  ik_library_set_autosave_delay (library, 60000);
  write_their_version (path, 0, "Their notes", TRUE);
  g_assert_cmpstr (ik_question_record_get_notes (record_at (session, 0)), ==, "Their notes");
  g_assert_false (ik_session_get_body_lost (session));

  ik_question_record_set_notes (record_at (session, 1), "Our notes");
  g_assert_true (ik_library_flush (library, NULL));
  g_assert_true (file_has (path, "Their notes"));
  g_assert_true (file_has (path, "Our notes"));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* The file was broken or removed in between: the session shows no
 * records, says why, and is never written, so the file keeps what it
 * holds and no file comes back. */
static void
test_body_away_lost (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *broken_id = write_session_with_records (dir);
  g_autofree char *removed_id = write_session_with_records (dir);
  g_autofree char *broken_path = session_path (dir, broken_id);
  g_autofree char *removed_path = session_path (dir, removed_id);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GError) error = NULL;
  IkSession *session = ik_library_find_session (library, broken_id);

  ik_library_set_autosave_delay (library, 60000);
  write_file (broken_path, "{ \"format\" : \"interview-kit/session\", ", -1);
  broken = read_bytes (broken_path);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 0);
  g_assert_true (ik_session_get_body_lost (session));
  g_assert_nonnull (find_problem (library, broken_path));
  ik_session_set_role (session, "Edited after the break");
  g_assert_false (ik_library_flush (library, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_bytes_unchanged (broken_path, broken);

  session = ik_library_find_session (library, removed_id);
  g_assert_cmpint (g_unlink (removed_path), ==, 0);
  ik_session_set_candidate_name (session, "Edited after the removal");
  g_assert_true (ik_session_get_body_lost (session));
  g_assert_false (ik_library_flush (library, &error));
  g_assert_false (g_file_test (removed_path, G_FILE_TEST_EXISTS));
  assert_bytes_unchanged (broken_path, broken);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* A session removed to the trash is whole: added back, it is written with
 * its records. One whose body is away with nothing to bring it back is
 * never written. */
static void
test_body_away_removed (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(IkSession) session = g_object_ref (ik_library_find_session (library, id));
  g_autoptr(IkSession) orphan = ik_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *orphan_path = NULL;

  g_assert_false (ik_session_get_body_loaded (session));
  g_assert_true (ik_library_remove_session (library, session, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  ik_library_add_session (library, session);
  g_assert_true (ik_library_flush (library, NULL));
  g_assert_true (file_has (path, "Second question"));

  add_record (orphan, "Never written empty");
  ik_session_unload_body (orphan);
  orphan_path = session_path (dir, ik_session_get_id (orphan));
  ik_library_add_session (library, orphan);
  g_assert_false (ik_library_flush (library, &error));
  g_assert_nonnull (error);
  g_assert_true (ik_session_get_body_lost (orphan));
  g_assert_false (g_file_test (orphan_path, G_FILE_TEST_EXISTS));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* A valid file arriving after the body was lost (a sync client's complete
 * copy after a partial one) gives the body back, and the session is saved
 * again. */
static void
test_body_away_recovered (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *id = write_session_with_records (dir);
  g_autofree char *path = session_path (dir, id);
  g_autoptr(GBytes) valid = read_bytes (path);
  g_autoptr(JsonNode) root = ik_json_parse (g_bytes_get_data (valid, NULL), g_bytes_get_size (valid), NULL, NULL, NULL);
  g_autoptr(IkSession) theirs = ik_session_new_from_json (root, NULL);
  g_autoptr(IkLibrary) library = load_library (dir);
  SessionNamed sn = { library, id, "Arrived whole" };
  IkSession *session = ik_library_find_session (library, id);

  ik_library_set_autosave_delay (library, 60000);
  write_file (path, "{ \"format\" : \"interview-kit/session\", \"id\" : ", -1);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 0);
  g_assert_true (ik_session_get_body_lost (session));

  write_session_variant (path, theirs, "Arrived whole");
  g_assert_true (iterate_until (session_named, &sn, 5000));
  g_assert_true (ik_library_find_session (library, id) == session);
  g_assert_false (ik_session_get_body_lost (session));
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (session)), ==, 2);

  ik_question_record_set_notes (record_at (session, 0), "Saved after the recovery");
  g_assert_true (ik_library_flush (library, NULL));
  g_assert_true (file_has (path, "Saved after the recovery"));
  g_assert_true (file_has (path, "Second question"));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_question_usage (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  guint checks = 0;

  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (questions, ik_question_new ());

  for (guint step = 0; step < 400; step++)
    {
      IkSession *session = random_session (library, rand);
      IkQuestion *question = g_ptr_array_index (questions, g_rand_int_range (rand, 0, questions->len));

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          {
            g_autoptr(IkSession) added = ik_session_new ();

            for (guint k = g_rand_int_range (rand, 0, 4); k > 0; k--)
              ik_session_add_question (added, g_ptr_array_index (questions, g_rand_int_range (rand, 0, questions->len)));
            ik_library_add_session (library, added);
          }
          break;
        case 1:
          if (session != NULL)
            {
              g_autoptr(GError) error = NULL;

              g_assert_true (ik_library_remove_session (library, session, &error));
              g_assert_no_error (error);
            }
          break;
        case 2:
          if (session != NULL)
            ik_session_add_question (session, question);
          break;
        case 3:
          if (session != NULL && g_list_model_get_n_items (ik_session_get_records (session)) > 0)
            ik_session_remove_record (session, 0);
          break;
        default:
          /* What another program wrote to its file, read back. */
          if (session != NULL)
            {
              g_autoptr(JsonNode) root = ik_session_to_json (session);
              g_autoptr(IkSession) theirs = ik_session_new_from_json (root, NULL);

              ik_session_add_question (theirs, question);
              if (g_rand_boolean (rand))
                ik_session_remove_record (theirs, 0);
              ik_library_entry_update_from (g_hash_table_lookup (library->entries, session), G_OBJECT (theirs));
            }
          break;
        }

      if (g_rand_int_range (rand, 0, 3) == 0)
        for (guint q = 0; q < questions->len; q++)
          {
            const char *id = ik_question_get_id (g_ptr_array_index (questions, q));

            g_assert_cmpuint (ik_library_count_question_usage (library, id), ==, walk_usage (library, id));
            checks++;
          }
    }
  g_assert_cmpuint (checks, >, 100);
  g_assert_cmpuint (ik_library_count_question_usage (library, "no-such-question"), ==, 0);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

/* The library index (issue 15) ***********************************************/

static char *
index_path_of (const char *dir)
{
  g_autofree char *sessions = g_build_filename (dir, "sessions", NULL);

  return ik_library_index_path (sessions);
}

/* Waits (without sleeping blindly) until the file system's clock is past
 * the change time of @path, so that the next write of it gets another
 * stamp: the tests move the library's clock on, which would otherwise take
 * a file written a moment ago as settled. */
static void
wait_past_ctime (const char *dir,
                 const char *path)
{
  g_autofree char *probe = g_build_filename (dir, "clock-probe", NULL);
  struct stat file_st, probe_st;

  g_assert_cmpint (g_stat (path, &file_st), ==, 0);
  do
    {
      write_file (probe, "tick", -1);
      g_assert_cmpint (g_stat (probe, &probe_st), ==, 0);
    }
  while (probe_st.st_ctim.tv_sec == file_st.st_ctim.tv_sec &&
         probe_st.st_ctim.tv_nsec == file_st.st_ctim.tv_nsec);
  g_assert_cmpint (g_unlink (probe), ==, 0);
}

/* A library loaded with its clock moved on, so that the files just
 * written count as settled (indexed), and its index written. */
static IkLibrary *
load_library_settled (const char *dir)
{
  IkLibrary *library;

  ik_library_set_clock_offset (3 * G_GINT64_CONSTANT (1000000000));
  library = load_library (dir);
  ik_library_set_clock_offset (0);
  ik_library_index_wait ();
  return library;
}

static char *
session_json (IkSession *session)
{
  gsize len;

  return session_data (session, &len);
}

/* What lists show of @session, and its whole document once its body is
 * back, are those of @expected. */
static void
assert_same_session (IkSession *session,
                     IkSession *expected)
{
  g_auto(GStrv) ids = ik_session_dup_question_ids (session);
  g_auto(GStrv) expected_ids = ik_session_dup_question_ids (expected);
  g_autofree char *data = NULL;
  g_autofree char *expected_data = NULL;

  g_assert_cmpstr (ik_session_get_candidate_name (session), ==, ik_session_get_candidate_name (expected));
  g_assert_cmpuint (ik_session_get_n_records (session), ==, ik_session_get_n_records (expected));
  g_assert_true (g_strv_equal ((const char * const *) ids, (const char * const *) expected_ids));
  g_assert_cmpint (ik_session_get_scorecard_altered (session), ==, ik_session_get_scorecard_altered (expected));
  g_assert_false (ik_session_get_body_loaded (session));
  data = session_json (session);
  expected_data = session_json (expected);
  g_assert_cmpstr (data, ==, expected_data);
  g_assert_false (ik_session_get_body_lost (session));
}

static void
private_mode (const char *path)
{
  /* Private already, or the load's repair of the mode would give it a
   * new stamp. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

/* A second start reads the sessions nobody changed from the index,
 * without their bodies, and they are the same sessions; a file changed in
 * any way (replaced, rewritten in place with the same size, removed) is
 * read whole. The index holds no candidate data and is the user's only. */
static void
test_index_reuse (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *a = write_session_with_records (dir);
  g_autofree char *b = write_session_with_records (dir);
  g_autofree char *c = write_session (dir, "Plain Candidate");
  g_autofree char *path_a = session_path (dir, a);
  g_autofree char *path_b = session_path (dir, b);
  g_autofree char *path_c = session_path (dir, c);
  g_autofree char *index = index_path_of (dir);
  g_autoptr(IkLibrary) first = NULL;
  g_autoptr(IkLibrary) second = NULL;
  g_autoptr(IkLibrary) third = NULL;
  g_autoptr(IkLibrary) fourth = NULL;
  g_autoptr(GBytes) index_bytes = NULL;
  g_autofree char *index_dir = g_path_get_dirname (index);
  const char *ids[] = { a, b, c };
  struct stat st, again_st;

  private_mode (path_a);
  private_mode (path_b);
  private_mode (path_c);
  first = load_library_settled (dir);
  g_assert_cmpuint (ik_library_get_n_indexed (first), ==, 0);
  g_assert_cmpint (g_stat (index, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (index_dir, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
  g_assert_false (file_has (index, "Two records"));
  g_assert_false (file_has (index, "Plain Candidate"));
  g_assert_false (file_has (index, "question"));
  g_assert_true (file_has (index, a));

  /* Read from the index: the same sessions, and the index is not
   * written again. */
  g_assert_cmpint (g_stat (index, &st), ==, 0);
  index_bytes = read_bytes (index);
  second = load_library_settled (dir);
  g_assert_cmpuint (ik_library_get_n_indexed (second), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    assert_same_session (ik_library_find_session (second, ids[i]),
                         ik_library_find_session (first, ids[i]));
  g_assert_cmpint (g_stat (index, &again_st), ==, 0);
  g_assert_cmpuint (st.st_ino, ==, again_st.st_ino);
  assert_bytes_unchanged (index, index_bytes);
  g_clear_object (&second);

  /* Replaced by another program; rewritten in place, same size; removed. */
  write_their_version (path_a, 0, "Their notes", TRUE);
  private_mode (path_a);
  wait_past_ctime (dir, path_b);
  rewrite_in_place (path_b, "\"Two records\"", "\"Two recordz\"");
  g_assert_cmpint (g_unlink (path_c), ==, 0);
  third = load_library_settled (dir);
  g_assert_cmpuint (ik_library_get_n_indexed (third), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (third)), ==, 2);
  g_assert_null (ik_library_find_session (third, c));
  g_assert_cmpstr (ik_question_record_get_notes (record_at (ik_library_find_session (third, a), 0)),
                   ==, "Their notes");
  g_assert_cmpstr (ik_session_get_candidate_name (ik_library_find_session (third, b)), ==, "Two recordz");

  /* And the index was written again for what they are now. */
  fourth = load_library_settled (dir);
  g_assert_cmpuint (ik_library_get_n_indexed (fourth), ==, 2);
  assert_same_session (ik_library_find_session (fourth, a), ik_library_find_session (third, a));
  assert_same_session (ik_library_find_session (fourth, b), ik_library_find_session (third, b));

  g_clear_object (&first);
  g_clear_object (&third);
  g_clear_object (&fourth);
  ik_test_rm_rf (dir);
}

/* The index of the banks (issue 15) *****************************************/

static char *
bank_index_path_of (const char *dir)
{
  g_autofree char *banks = g_build_filename (dir, "banks", NULL);

  return ik_library_index_path (banks);
}

/* A bank of @n questions, written; returns its path. */
static char *
write_bank_of (const char  *dir,
               const char  *title,
               guint        n,
               IkBank     **bank_out,
               char       **bytes)
{
  g_autoptr(IkBank) bank = ik_bank_new (title);
  char *path;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) question = ik_question_new ();
      g_autofree char *text = g_strdup_printf ("Question %u of %s", i + 1, title);

      ik_question_set_text (question, text);
      g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
    }
  path = write_bank (dir, bank, bytes);
  private_mode (path);
  *bank_out = g_steal_pointer (&bank);
  return path;
}

static gboolean
questions_all_read (gpointer library)
{
  return !ik_library_has_pending_questions (library);
}

static char *
bank_json (IkBank *bank)
{
  gsize len;

  return bank_data (bank, &len);
}

/* A second start passes over the questions of the banks nobody changed
 * (the index of the banks vouches for them by their stamp) and reads them
 * when they are needed or in idle time: the same banks. An edit before
 * they are read writes them all; a bank changed by another program is
 * read whole. The index holds no question text. */
static void
test_bank_index_reuse (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) a = NULL;
  g_autoptr(IkBank) b = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *bytes_b = NULL;
  g_autofree char *path_a = write_bank_of (dir, "Alpha", 3, &a, &bytes_a);
  g_autofree char *path_b = write_bank_of (dir, "Beta", 2, &b, &bytes_b);
  g_autofree char *index = bank_index_path_of (dir);
  g_autoptr(IkLibrary) first = NULL;
  g_autoptr(IkLibrary) second = NULL;
  g_autoptr(IkLibrary) third = NULL;
  g_autoptr(IkLibrary) fourth = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr(IkBank) reread = NULL;
  IkBank *bank;
  struct stat st;

  first = load_library_settled (dir);
  g_assert_false (ik_bank_has_pending_questions (ik_library_find_bank (first, ik_bank_get_id (a))));
  g_assert_cmpint (g_stat (index, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_true (file_has (index, ik_bank_get_id (a)));
  g_assert_false (file_has (index, "Question"));
  g_assert_false (file_has (index, "Alpha"));
  g_assert_true (iterate_until (questions_all_read, first, 5000));
  g_clear_object (&first);

  /* Passed over at load, the count known; read on first use or in idle
   * time, the same documents. */
  second = load_library_settled (dir);
  bank = ik_library_find_bank (second, ik_bank_get_id (a));
  g_assert_true (ik_bank_has_pending_questions (bank));
  g_assert_cmpuint (ik_bank_get_n_questions (bank), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_peek_questions (bank)), ==, 0);
  g_assert_true (ik_library_has_pending_questions (second));
  json_a = bank_json (bank);
  g_assert_cmpstr (json_a, ==, bytes_a);
  g_assert_true (iterate_until (questions_all_read, second, 5000));
  bank = ik_library_find_bank (second, ik_bank_get_id (b));
  g_assert_false (ik_bank_has_pending_questions (bank));
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_peek_questions (bank)), ==, 2);
  json_b = bank_json (bank);
  g_assert_cmpstr (json_b, ==, bytes_b);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (second)), ==, 0);
  g_clear_object (&second);

  /* Renamed before its questions were read: the file keeps them all. */
  third = load_library_settled (dir);
  bank = ik_library_find_bank (third, ik_bank_get_id (a));
  g_assert_true (ik_bank_has_pending_questions (bank));
  ik_bank_set_title (bank, "Alpha Renamed");
  g_assert_true (ik_library_flush (third, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path_a, &renamed, NULL, NULL));
  reread = ik_bank_new_from_data (renamed, strlen (renamed));
  g_assert_nonnull (reread);
  g_assert_cmpstr (ik_bank_get_title (reread), ==, "Alpha Renamed");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (reread)), ==, 3);
  g_clear_object (&third);

  /* Saved since (a), rewritten in place by another program (b): read
   * whole, what the files hold now. */
  private_mode (path_a);
  wait_past_ctime (dir, path_b);
  rewrite_in_place (path_b, "Question 1 of Beta", "Question 1 of Zeta");
  fourth = load_library_settled (dir);
  bank = ik_library_find_bank (fourth, ik_bank_get_id (a));
  g_assert_false (ik_bank_has_pending_questions (bank));
  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Alpha Renamed");
  bank = ik_library_find_bank (fourth, ik_bank_get_id (b));
  g_assert_false (ik_bank_has_pending_questions (bank));
  {
    g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), 0);

    g_assert_cmpstr (ik_question_get_text (question), ==, "Question 1 of Zeta");
  }
  g_clear_object (&fourth);
  ik_test_rm_rf (dir);
}


typedef struct
{
  IkBank     *bank;
  const char *text;
} FirstQuestion;

static gboolean
first_question_is (gpointer user_data)
{
  FirstQuestion *wait = user_data;
  g_autoptr(IkQuestion) question = NULL;

  if (ik_bank_has_pending_questions (wait->bank) ||
      g_list_model_get_n_items (ik_bank_peek_questions (wait->bank)) == 0)
    return FALSE;
  question = g_list_model_get_item (ik_bank_peek_questions (wait->bank), 0);
  return g_strcmp0 (ik_question_get_text (question), wait->text) == 0;
}

/* A bank whose questions the load left in its file, replaced by another
 * program (a sync client) before they were read: they are not read from
 * the new file under the old one's head; the bank waits, read-only,
 * without a problem to show, until the file is read again whole, and is
 * then the new file's, to edit and save. */
static void
test_bank_changed_before_questions (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) a = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *path_a = write_bank_of (dir, "Alpha", 3, &a, &bytes_a);
  g_autoptr(IkLibrary) first = NULL;
  g_autoptr(IkLibrary) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = g_string_new (bytes_a);
  g_autofree char *saved = NULL;
  FirstQuestion wait;
  guint n_problem_changes = 0;
  IkBank *bank;

  first = load_library_settled (dir);
  g_assert_true (iterate_until (questions_all_read, first, 5000));
  g_clear_object (&first);

  second = load_library_settled (dir);
  bank = ik_library_find_bank (second, ik_bank_get_id (a));
  g_assert_true (ik_bank_has_pending_questions (bank));
  g_signal_connect (ik_library_get_problems (second), "items-changed",
                    G_CALLBACK (ik_test_count_items_changed), &n_problem_changes);
  g_string_replace (changed, "Question 1 of Alpha", "Question 1 of Omega, longer", 1);
  write_file (path_a, changed->str, changed->len);
  private_mode (path_a);

  /* Needed now: not there to read. */
  g_assert_false (ik_bank_load_questions (bank));
  g_assert_true (ik_bank_get_read_only (bank));
  g_assert_cmpuint (ik_bank_get_n_questions (bank), ==, 0);

  wait.bank = bank;
  wait.text = "Question 1 of Omega, longer";
  g_assert_true (iterate_until (first_question_is, &wait, 10000));
  g_assert_true (iterate_until (questions_all_read, second, 5000));
  g_assert_false (ik_bank_get_read_only (bank));
  g_assert_cmpuint (ik_bank_get_n_questions (bank), ==, 3);
  g_assert_cmpuint (n_problem_changes, ==, 0);

  ik_bank_set_title (bank, "Alpha Renamed");
  g_assert_true (ik_library_flush (second, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path_a, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "Alpha Renamed"));
  g_assert_nonnull (strstr (saved, "Question 1 of Omega, longer"));
  g_clear_object (&second);
  ik_test_rm_rf (dir);
}


/* Prepends a UTF-8 byte order mark to the file at @path. */
static void
add_byte_order_mark (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *marked = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  marked = g_strconcat ("\xEF\xBB\xBF", contents, NULL);
  write_file (path, marked, len + 3);
  private_mode (path);
}

/* Files that start with a byte order mark (some Windows editors write
 * one): the index counts its places after the mark, so a next start reads
 * them whole, and gives the same bank and the same session; a bank read
 * from bytes with a mark finds its questions after it. */
static void
test_index_byte_order_mark (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) a = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *path_a = write_bank_of (dir, "Alpha", 3, &a, &bytes_a);
  g_autofree char *id = write_session (dir, "Ada Lovelace");
  g_autofree char *path_s = session_path (dir, id);
  g_autoptr(IkLibrary) first = NULL;
  g_autoptr(IkLibrary) second = NULL;
  g_autofree char *first_json = NULL;
  g_autofree char *second_json = NULL;
  g_autofree char *marked = g_strconcat ("\xEF\xBB\xBF", bytes_a, NULL);
  g_autoptr(GBytes) marked_bytes = g_bytes_new (marked, strlen (marked));
  g_autoptr(IkBank) ranged = NULL;
  g_autoptr(IkBank) later = NULL;
  IkBankQuestions questions;
  IkBank *bank;

  add_byte_order_mark (path_a);
  add_byte_order_mark (path_s);
  first = load_library_settled (dir);
  g_assert_true (iterate_until (questions_all_read, first, 5000));
  first_json = session_json (ik_library_find_session (first, id));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (first)), ==, 0);
  g_clear_object (&first);

  second = load_library_settled (dir);
  bank = ik_library_find_bank (second, ik_bank_get_id (a));
  g_assert_nonnull (bank);
  g_assert_false (ik_bank_has_pending_questions (bank));
  g_assert_cmpuint (ik_bank_get_n_questions (bank), ==, 3);
  g_assert_false (ik_bank_get_read_only (bank));
  second_json = session_json (ik_library_find_session (second, id));
  g_assert_cmpstr (second_json, ==, first_json);
  g_assert_cmpstr (ik_session_get_candidate_name (ik_library_find_session (second, id)), ==, "Ada Lovelace");
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (second)), ==, 0);
  g_clear_object (&second);

  ranged = ik_bank_new_from_bytes (marked, strlen (marked), NULL, NULL, &questions);
  g_assert_nonnull (ranged);
  later = ik_bank_new_from_bytes (marked, strlen (marked), marked_bytes, &questions, NULL);
  g_assert_nonnull (later);
  g_assert_true (ik_bank_has_pending_questions (later));
  g_assert_true (ik_bank_load_questions (later));
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (later)), ==, 3);
  ik_test_rm_rf (dir);
}

/* An index of the banks that vouches for a file whose questions array is
 * not one (changed under the same stamp, or a forged index): the bank is
 * shown without questions, read-only, with a problem that says so; its
 * file is never written, not even after an edit; and the index is
 * removed, so the next load reads the bank whole. */
static void
test_bank_index_lie (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkBank) a = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *path_a = write_bank_of (dir, "Alpha", 3, &a, &bytes_a);
  g_autofree char *index = bank_index_path_of (dir);
  g_autofree char *name_a = g_strdup_printf ("%s.json", ik_bank_get_id (a));
  g_autoptr(IkLibrary) first = NULL;
  g_autoptr(IkLibrary) second = NULL;
  g_autoptr(IkLibrary) third = NULL;
  g_autoptr(IkBank) ranged = NULL;
  g_autoptr(GString) forged = NULL;
  g_autoptr(GString) lines = NULL;
  g_autoptr(GBytes) index_bytes = NULL;
  g_autoptr(GBytes) file_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkProblem) problem = NULL;
  IkBankQuestions questions;
  IkBank *bank;
  const char *index_text;
  const char *header_end;
  gsize forged_end;
  struct stat st;

  first = load_library_settled (dir);
  g_assert_true (iterate_until (questions_all_read, first, 5000));
  g_clear_object (&first);

  /* The file's questions array replaced by one that holds no question,
   * and the index made to vouch for the new bytes. */
  ranged = ik_bank_new_from_bytes (bytes_a, strlen (bytes_a), NULL, NULL, &questions);
  g_assert_nonnull (ranged);
  forged = g_string_new_len (bytes_a, questions.start);
  g_string_append (forged, "[{\"bogus\": true}]");
  forged_end = forged->len;
  g_string_append (forged, bytes_a + questions.end);
  write_file (path_a, forged->str, forged->len);
  private_mode (path_a);
  g_assert_cmpint (g_stat (path_a, &st), ==, 0);
  index_bytes = read_bytes (index);
  index_text = g_bytes_get_data (index_bytes, NULL);
  header_end = strchr (index_text, '\n');
  g_assert_nonnull (header_end);
  lines = g_string_new_len (index_text, header_end + 1 - index_text);
  g_string_append_printf (lines, "%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT
                          "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GSIZE_FORMAT "\t%" G_GSIZE_FORMAT
                          "\t0\t0\t1\t0\t-\t\n",
                          name_a, (guint64) st.st_dev, (guint64) st.st_ino, (guint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec,
                          (gint64) st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec,
                          questions.start, forged_end);
  write_file (index, lines->str, lines->len);
  file_bytes = read_bytes (path_a);

  second = load_library_settled (dir);
  bank = ik_library_find_bank (second, ik_bank_get_id (a));
  g_assert_nonnull (bank);
  g_assert_true (ik_bank_has_pending_questions (bank));
  /* Edited and saved before the questions are read: the save reads them,
   * fails, and writes nothing. */
  ik_bank_set_title (bank, "Alpha Renamed");
  g_assert_false (ik_library_flush (second, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_bytes_unchanged (path_a, file_bytes);
  g_assert_true (iterate_until (questions_all_read, second, 5000));
  g_assert_true (ik_bank_get_read_only (bank));
  g_assert_cmpuint (ik_bank_get_n_questions (bank), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (second)), ==, 1);
  problem = g_list_model_get_item (ik_library_get_problems (second), 0);
  g_assert_cmpstr (ik_problem_get_path (problem), ==, path_a);
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
  ik_library_flush (second, NULL);
  assert_bytes_unchanged (path_a, file_bytes);
  g_clear_object (&second);

  /* Read whole next time: the file as it is, refused with its reason. */
  third = load_library_settled (dir);
  g_assert_null (ik_library_find_bank (third, ik_bank_get_id (a)));
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (third)), ==, 1);
  assert_bytes_unchanged (path_a, file_bytes);
  g_clear_object (&third);
  ik_test_rm_rf (dir);
}

/* Rewrites the entry line of @name in @index with field @field (0-based,
 * tab-separated) set to @text, or, when @text is NULL, changed by @delta. */
static void
set_index_field (const char *index,
                 const char *name,
                 guint       field,
                 const char *text,
                 int         delta)
{
  g_autoptr(GBytes) bytes = read_bytes (index);
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  g_autofree char *joined = NULL;
  gboolean found = FALSE;

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (fields[0] == NULL || strcmp (fields[0], name) != 0)
        continue;
      g_assert_cmpuint (g_strv_length (fields), >, field);
      {
        gint64 value = g_ascii_strtoll (fields[field], NULL, 10) + delta;

        g_free (fields[field]);
        fields[field] = text != NULL ? g_strdup (text) : g_strdup_printf ("%" G_GINT64_FORMAT, value);
      }
      g_free (lines[i]);
      lines[i] = g_strjoinv ("\t", fields);
      found = TRUE;
    }
  g_assert_true (found);
  joined = g_strjoinv ("\n", lines);
  write_file (index, joined, -1);
}

static void
shift_index_field (const char *index,
                   const char *name,
                   guint       field,
                   int         delta)
{
  set_index_field (index, name, field, NULL, delta);
}

/* An index that is damaged, from another folder or version, truncated, or
 * that lies about where a body is, costs nothing but a slower load: the
 * files it cannot vouch for are read whole, the sessions are the same,
 * and the index is written again. */
static void
test_index_damaged (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *a = write_session_with_records (dir);
  g_autofree char *b = write_session_with_records (dir);
  g_autofree char *path_a = session_path (dir, a);
  g_autofree char *path_b = session_path (dir, b);
  g_autofree char *index = index_path_of (dir);
  g_autofree char *name_a = g_strdup_printf ("%s.json", a);
  g_autoptr(IkLibrary) whole = NULL;
  g_autoptr(GBytes) good = NULL;
  enum { GARBAGE, OTHER_FOLDER, OTHER_VERSION, CUT, MOVED_START, MOVED_END, SIZE, DIRECTORY,
         NOT_A_NUMBER, TOO_LARGE, SIGNED_SIZE, EMPTY_NUMBER, TIME_TOO_SMALL, EMPTY_ID, N_CASES };

  private_mode (path_a);
  private_mode (path_b);
  whole = load_library_settled (dir);
  good = read_bytes (index);

  for (guint c = 0; c < N_CASES; c++)
    {
      g_autoptr(IkLibrary) library = NULL;
      g_autoptr(IkLibrary) rewritten = NULL;
      gsize len = g_bytes_get_size (good);
      const char *text = g_bytes_get_data (good, NULL);
      const char *first_line_end = memchr (text, '\n', len);
      guint expected = 2;

      g_assert_nonnull (first_line_end);
      write_file (index, text, len);
      switch (c)
        {
        case GARBAGE:
          write_file (index, "\0\xff\x01 not an index\n\t\t\t\n", 22);
          expected = 0;
          break;
        case OTHER_FOLDER:
          {
            g_autofree char *other = g_strdup_printf ("interview-kit-library-index 1 /elsewhere%s",
                                                      first_line_end);
            write_file (index, other, -1);
            expected = 0;
          }
          break;
        case OTHER_VERSION:
          {
            g_autofree char *other = g_strconcat ("interview-kit-library-index 99",
                                                  strchr (strchr (text, ' ') + 1, ' '), NULL);
            write_file (index, other, -1);
            expected = 0;
          }
          break;
        case CUT:
          /* The last line without its end. */
          write_file (index, text, len - 5);
          expected = 1;
          break;
        case MOVED_START:
          shift_index_field (index, name_a, 6, 1);
          expected = 1;
          break;
        case MOVED_END:
          shift_index_field (index, name_a, 9, -1);
          expected = 1;
          break;
        case SIZE:
          shift_index_field (index, name_a, 3, 1);
          expected = 1;
          break;
        case DIRECTORY:
          g_assert_cmpint (g_unlink (index), ==, 0);
          g_assert_cmpint (g_mkdir (index, 0700), ==, 0);
          expected = 0;
          break;
        /* Lines whose fields are not what they say: each one is not used. */
        case NOT_A_NUMBER:
          set_index_field (index, name_a, 6, "12a", 0);
          expected = 1;
          break;
        case TOO_LARGE:
          set_index_field (index, name_a, 3, "18446744073709551616", 0);
          expected = 1;
          break;
        case SIGNED_SIZE:
          set_index_field (index, name_a, 3, "-1", 0);
          expected = 1;
          break;
        case EMPTY_NUMBER:
          set_index_field (index, name_a, 1, "", 0);
          expected = 1;
          break;
        case TIME_TOO_SMALL:
          set_index_field (index, name_a, 4, "-9223372036854775809", 0);
          expected = 1;
          break;
        case EMPTY_ID:
          set_index_field (index, name_a, 13, "a,,b", 0);
          expected = 1;
          break;
        default:
          g_assert_not_reached ();
        }

      library = load_library_settled (dir);
      g_assert_cmpuint (ik_library_get_n_indexed (library), ==, expected);
      g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_sessions (library)), ==, 2);
      g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 0);
      assert_same_session (ik_library_find_session (library, a), ik_library_find_session (whole, a));
      assert_same_session (ik_library_find_session (library, b), ik_library_find_session (whole, b));

      if (c == DIRECTORY)
        {
          /* Not ours to remove: the load goes on without an index. */
          g_assert_true (g_file_test (index, G_FILE_TEST_IS_DIR));
          g_assert_cmpint (g_rmdir (index), ==, 0);
          continue;
        }
      rewritten = load_library_settled (dir);
      g_assert_cmpuint (ik_library_get_n_indexed (rewritten), ==, 2);
    }

  g_clear_object (&whole);
  ik_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/empty", test_empty);
  g_test_add_func ("/library/session-in-progress", test_session_in_progress);
  g_test_add_func ("/library/bundled", test_bundled);
  g_test_add_func ("/library/restore-bundled", test_restore_bundled);
  g_test_add_func ("/library/bad-files", test_bad_files);
  g_test_add_func ("/library/special-files", test_special_files);
  g_test_add_func ("/library/cleanup-and-modes", test_cleanup_and_modes);
  g_test_add_func ("/library/autosave", test_autosave);
  g_test_add_func ("/library/write-failure", test_write_failure);
  g_test_add_func ("/library/automatic-retry", test_automatic_retry);
  g_test_add_func ("/library/trash", test_trash);
  g_test_add_func ("/library/external-change", test_external_change);
  g_test_add_func ("/library/both-changed", test_both_changed);
  g_test_add_func ("/library/external-change-stamp", test_external_change_stamp);
  g_test_add_func ("/library/snapshot-strings-shared", test_snapshot_strings_shared);
  g_test_add_func ("/library/banks-before-sessions", test_banks_before_sessions);
  g_test_add_func ("/library/sessions-without-banks", test_sessions_without_banks);
  g_test_add_func ("/library/banks-before-sessions-read-only", test_banks_before_sessions_read_only);
  g_test_add_func ("/library/retention-default", test_retention_default);
  g_test_add_func ("/library/expired-sessions", test_expired_sessions);
  g_test_add_func ("/library/newer-version", test_newer_version);
  g_test_add_func ("/library/partial-file-then-complete", test_partial_file_then_complete);
  g_test_add_func ("/library/injected-writes", test_injected_writes);
  g_test_add_func ("/library/two-writers", test_two_writers);
  g_test_add_func ("/library/problem-files-kept", test_problem_files_kept);
  g_test_add_func ("/library/autosave-while-typing", test_autosave_while_typing);
  g_test_add_func ("/library/read-only-and-linked-folders", test_read_only_and_linked_folders);
  g_test_add_func ("/library/external-change-in-place", test_external_change_in_place);
  g_test_add_func ("/library/question-usage", test_question_usage);
  g_test_add_func ("/library/body-away", test_body_away);
  g_test_add_func ("/library/body-away-changed", test_body_away_changed);
  g_test_add_func ("/library/body-away-lost", test_body_away_lost);
  g_test_add_func ("/library/body-away-removed", test_body_away_removed);
  g_test_add_func ("/library/body-away-recovered", test_body_away_recovered);
  g_test_add_func ("/library/index-reuse", test_index_reuse);
  g_test_add_func ("/library/index-damaged", test_index_damaged);
  g_test_add_func ("/library/bank-index-reuse", test_bank_index_reuse);
  g_test_add_func ("/library/bank-index-lie", test_bank_index_lie);
  g_test_add_func ("/library/bank-changed-before-questions", test_bank_changed_before_questions);
  g_test_add_func ("/library/index-byte-order-mark", test_index_byte_order_mark);

  return g_test_run ();
}
