/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety: a child process edits and saves sessions without pause and
 * reports every save that ik_library_flush() acknowledged; the parent kills
 * it with SIGKILL at random moments, then checks with a fresh library that
 * nothing is broken and nothing acknowledged is lost. */
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ik-library.h"
#include "ik-test-util.h"

#define CHILD_FLAG "--crash-child"
#define N_SESSIONS 3
#define N_KILLS 200
#define SCHEMA_EVERY 50

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!ik_library_load_finish (IK_LIBRARY (source), result, &error))
    g_error ("Cannot load the library: %s", error->message);
  *done = TRUE;
}

static IkLibrary *
load_library (const char *dir)
{
  IkLibrary *library = ik_library_new (dir);
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  gboolean done = FALSE;

  ik_library_set_autosave_delay (library, G_MAXINT);
  ik_library_load_async (library, NULL, load_done_cb, &done);
  while (!done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return library;
}

/* "gen-<n>" -> n */
static guint64
generation_of (const char *text)
{
  if (text == NULL || !g_str_has_prefix (text, "gen-"))
    return 0;
  return g_ascii_strtoull (text + 4, NULL, 10);
}

static IkQuestionRecord *
first_record (IkSession *session)
{
  g_autoptr(IkQuestionRecord) record = g_list_model_get_item (ik_session_get_records (session), 0);

  g_assert_nonnull (record);
  return record;
}

/* The child: edit, flush, acknowledge, forever (until killed). */
static int
run_child (const char *dir)
{
  g_autoptr(IkLibrary) library = load_library (dir);
  GListModel *sessions = ik_library_get_sessions (library);
  guint n = g_list_model_get_n_items (sessions);
  guint64 generation = 0;

  g_assert_cmpuint (n, ==, N_SESSIONS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);

      generation = MAX (generation, generation_of (ik_session_get_candidate_name (session)));
    }

  printf ("ready\n");
  fflush (stdout);

  for (;;)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, generation % n);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      IkQuestionRecord *record = first_record (session);

      generation++;
      text = g_strdup_printf ("gen-%" G_GUINT64_FORMAT, generation);
      ik_session_set_candidate_name (session, text);
      ik_question_record_set_notes (record, text);
      ik_question_record_set_area_covered (record, generation % 3, TRUE);
      ik_question_record_set_area_covered (record, (generation + 1) % 3, FALSE);

      if (!ik_library_flush (library, &error))
        g_error ("flush failed: %s", error->message);

      printf ("%s %" G_GUINT64_FORMAT "\n", ik_session_get_id (session), generation);
      fflush (stdout);
    }
  return 0;
}

static void
create_library (const char *dir)
{
  g_autoptr(IkLibrary) library = load_library (dir);
  g_autoptr(GError) error = NULL;
  const char * const areas[] = { "first area", "second area", "third area", NULL };

  for (guint i = 0; i < N_SESSIONS; i++)
    {
      g_autoptr(IkSession) session = ik_session_new ();
      g_autoptr(IkQuestion) question = ik_question_new ();

      ik_question_set_text (question, "Tell me about a time you contained an incident.");
      ik_question_set_areas (question, areas);
      ik_question_record_set_notes (ik_session_add_question (session, question), "gen-0");
      ik_session_set_candidate_name (session, "gen-0");
      ik_library_add_session (library, session);
    }

  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
}

static void
read_line (GIOChannel  *channel,
           char       **line)
{
  g_autoptr(GError) error = NULL;
  GIOStatus status;

  status = g_io_channel_read_line (channel, line, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, G_IO_STATUS_NORMAL);
}

/* Counts temporary files: each one is a kill in the middle of a save. */
static guint
count_temp_files (const char *dir)
{
  g_autofree char *sessions = g_build_filename (dir, "sessions", NULL);
  g_autoptr(GDir) d = g_dir_open (sessions, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json") == FALSE && strstr (name, ".json.") != NULL)
      n++;
  return n;
}

static void
verify (const char *dir,
        GHashTable *acked,
        gboolean    schema)
{
  g_autoptr(IkLibrary) library = load_library (dir);
  GListModel *sessions = ik_library_get_sessions (library);
  GListModel *problems = ik_library_get_problems (library);

  if (g_list_model_get_n_items (problems) > 0)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, 0);

      g_error ("%s: %s", ik_problem_get_path (problem), ik_problem_get_message (problem));
    }
  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, N_SESSIONS);

  for (guint i = 0; i < N_SESSIONS; i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      IkQuestionRecord *record = first_record (session);
      guint64 on_disk = generation_of (ik_session_get_candidate_name (session));
      guint64 saved = GPOINTER_TO_SIZE (g_hash_table_lookup (acked, ik_session_get_id (session)));

      /* Nothing acknowledged is lost, and the file is one save, not a mix. */
      g_assert_cmpuint (on_disk, >=, saved);
      g_assert_cmpstr (ik_question_record_get_notes (record), ==, ik_session_get_candidate_name (session));
      if (on_disk > 0)
        {
          g_assert_true (ik_question_record_get_area_covered (record, on_disk % 3));
          g_assert_false (ik_question_record_get_area_covered (record, (on_disk + 1) % 3));
        }

      if (schema)
        {
          g_autofree char *name = g_strdup_printf ("%s.json", ik_session_get_id (session));
          g_autofree char *path = g_build_filename (dir, "sessions", name, NULL);

          ik_test_assert_schema_valid ("session.schema.json", path);
        }
    }
}

static void
test_kill_during_saves (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  guint64 total_acks = 0;
  guint mid_save = 0;

  g_assert_nonnull (self_exe);
  create_library (dir);

  for (guint kill_no = 1; kill_no <= N_KILLS; kill_no++)
    {
      const char *argv[] = { self_exe, CHILD_FLAG, dir, NULL };
      g_autoptr(GIOChannel) channel = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      GPid pid;
      int out_fd;
      int status;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);

      read_line (channel, &line);
      g_assert_cmpstr (line, ==, "ready\n");
      g_clear_pointer (&line, g_free);

      /* Saves take about a millisecond each: this lands anywhere in them. */
      g_usleep (g_rand_int_range (rand, 0, 15000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      /* Every complete line was written after a successful flush. */
      for (;;)
        {
          g_auto(GStrv) parts = NULL;
          GIOStatus io_status = g_io_channel_read_line (channel, &line, NULL, NULL, &error);

          g_assert_no_error (error);
          if (io_status != G_IO_STATUS_NORMAL || line == NULL || !g_str_has_suffix (line, "\n"))
            break;
          g_strchomp (line);
          parts = g_strsplit (line, " ", 2);
          g_assert_cmpuint (g_strv_length (parts), ==, 2);
          g_hash_table_insert (acked, g_strdup (parts[0]),
                               GSIZE_TO_POINTER (g_ascii_strtoull (parts[1], NULL, 10)));
          total_acks++;
          g_clear_pointer (&line, g_free);
        }
      g_clear_pointer (&line, g_free);

      mid_save += count_temp_files (dir);
      verify (dir, acked, kill_no % SCHEMA_EVERY == 0);
      /* The fresh library deleted the leftovers of the killed save. */
      g_assert_cmpuint (count_temp_files (dir), ==, 0);
    }

  g_test_message ("%u kills, %" G_GUINT64_FORMAT " acknowledged saves, %u kills in the middle of a save",
                  N_KILLS, total_acks, mid_save);
  g_assert_cmpuint (total_acks, >, 0);

  ik_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The child mode, started by the test itself. */
  if (argc == 3 && strcmp (argv[1], CHILD_FLAG) == 0)
    return run_child (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash-safety/kill-during-saves", test_kill_during_saves);

  return g_test_run ();
}
