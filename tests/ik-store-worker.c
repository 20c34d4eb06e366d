/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-store-worker: one of the processes of tests/test-store-stress.c.
 *
 *   ik-store-worker app <dir> <worker-no> <seconds> <log> <seed>
 *     An instance of the application: loads the library, then appends
 *     uniquely tagged lines ("[w<no>:<n>]") to the notes of records of
 *     random sessions, letting a short autosave run and calling
 *     ik_library_flush() now and then, until the deadline. Mostly it edits
 *     its own record (index <no> - 1), so that a member-wise merge can keep
 *     everyone's edits; one edit in seven goes to the last record, which
 *     every worker edits, to force real conflicts. A tag is acknowledged
 *     (appended to <log>, fsync'd) only once a flush that started after the
 *     edit returned TRUE: from then on it must be in a file for good.
 *
 *   ik-store-worker third-party <dir> <seconds> <log> <seed>
 *     Another program rewriting the session files behind the application's
 *     back, as a sync client or an editor would: it appends a tag
 *     ("[t:<n>]") to a session's role, a member the workers never touch,
 *     and writes the file either atomically (temporary file + rename, like
 *     Syncthing) or in place (truncate, write half, pause, write the rest).
 *
 * Both print "ready" when they start editing and a "stats …" line at the
 * end; the exit status is 0 unless something outside the library failed.
 * The randomness comes from <seed> so a failing run's choices can be
 * replayed (not its timing: that is up to the scheduler). */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ik-enums.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-library-private.h"

/* Must match tests/test-store-stress.c. */
#define N_RECORDS 4
#define SHARED_RECORD (N_RECORDS - 1)

/* Logs *************************************************************************/

static int
open_log (const char *path)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

  if (fd < 0)
    g_error ("Cannot open %s: %s", path, g_strerror (errno));
  return fd;
}

/* The log is the checker's list of what must survive, so it is on the disk
 * before the worker goes on (and before anything could kill it). */
static void
log_write (int         fd,
           const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      ssize_t n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("Cannot write the log: %s", g_strerror (errno));
      text += n;
      len -= n;
    }
  if (fsync (fd) != 0)
    g_error ("Cannot fsync the log: %s", g_strerror (errno));
}

/* The application **************************************************************/

typedef struct
{
  IkLibrary  *library;
  GMainLoop  *loop;
  GRand      *rand;
  guint       worker;
  gint64      deadline;
  int         log_fd;
  GStrv       session_ids;
  guint       n_sessions;
  GPtrArray  *pending;        /* log lines of edits not acknowledged yet */
  guint64     counter;
  guint       until_flush;
  gboolean    loaded;
  guint       final_attempts;

  /* Diagnostics. */
  guint       edits;
  guint       shared_edits;
  guint       acked;
  guint       flushes;
  guint       flush_failures;
  guint       reloads;        /* session objects replaced by a re-read */
  guint       missing;        /* edits skipped: the session was not in the list */
  guint       conflicts;      /* CONFLICT problems reported */
  guint       other_problems; /* any other problem: a file we could not use */
} App;

static void
app_load_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!ik_library_load_finish (IK_LIBRARY (source), result, &error))
    g_error ("Cannot load the library: %s", error->message);
  app->loaded = TRUE;
}

static void
app_sessions_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         App        *app)
{
  /* A clean object replaced in place by the object read from the file. */
  if (removed == added)
    app->reloads += added;
}

static void
app_problems_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         App        *app)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (model, i);

      if (ik_problem_get_kind (problem) == IK_PROBLEM_CONFLICT)
        {
          app->conflicts++;
          continue;
        }

      /* Only the first few: they go to the test's log. */
      if (app->other_problems++ < 5)
        g_printerr ("worker %u: %s problem: %s: %s\n", app->worker,
                    ik_enum_to_nick (IK_TYPE_PROBLEM_KIND, ik_problem_get_kind (problem)),
                    ik_problem_get_path (problem),
                    ik_problem_get_message (problem));
    }
}

/* Acknowledges every edit made before the call, if it succeeds. */
static gboolean
app_flush (App *app)
{
  g_autoptr(GError) error = NULL;
  guint n = app->pending->len;

  app->flushes++;
  if (!ik_library_flush (app->library, &error))
    {
      /* Not lost yet: the edits stay pending and the next flush tries
       * again. Only the end of the run counts. */
      if (app->flush_failures++ < 5)
        g_printerr ("worker %u: flush failed: %s\n", app->worker, error->message);
      return FALSE;
    }

  if (n > 0)
    {
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append (lines, g_ptr_array_index (app->pending, i));
      log_write (app->log_fd, lines->str);
      g_ptr_array_remove_range (app->pending, 0, n);
      app->acked += n;
    }
  return TRUE;
}

static void
app_edit (App *app)
{
  const char *id = app->session_ids[g_rand_int_range (app->rand, 0, app->n_sessions)];
  IkSession *session = ik_library_find_session (app->library, id);
  g_autoptr(IkQuestionRecord) record = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *notes = NULL;
  guint index;

  /* Find it again every time: another process's save replaces a clean
   * object with a new one read from the file. */
  if (session == NULL)
    {
      app->missing++;
      return;
    }

  if (g_rand_int_range (app->rand, 0, 7) == 0)
    {
      index = SHARED_RECORD;
      app->shared_edits++;
    }
  else
    index = app->worker - 1;

  record = g_list_model_get_item (ik_session_get_records (session), index);
  g_assert (record != NULL);

  tag = g_strdup_printf ("[w%u:%" G_GUINT64_FORMAT "]", app->worker, ++app->counter);
  notes = g_strconcat (ik_question_record_get_notes (record), tag, "\n", NULL);
  ik_question_record_set_notes (record, notes);
  app->edits++;

  g_ptr_array_add (app->pending, g_strdup_printf ("%s %s %u\n", tag, id, index));
}

/* The last flush may meet another process's write still settling, and
 * fail: like an application closing its window, try again for a while
 * (with the main loop running, so the library sees that write). */
static gboolean
app_final_flush_cb (gpointer user_data)
{
  App *app = user_data;

  if (app_flush (app) || ++app->final_attempts >= 50)
    g_main_loop_quit (app->loop);
  else
    g_timeout_add (100, app_final_flush_cb, app);
  return G_SOURCE_REMOVE;
}

static gboolean
app_tick_cb (gpointer user_data)
{
  App *app = user_data;

  if (g_get_monotonic_time () >= app->deadline)
    {
      g_timeout_add (1, app_final_flush_cb, app);
      return G_SOURCE_REMOVE;
    }

  app_edit (app);

  if (--app->until_flush == 0)
    {
      app_flush (app);
      app->until_flush = g_rand_int_range (app->rand, 2, 16);
      /* Vary the autosave delay so that saves land at every phase of the
       * other processes' writes. */
      ik_library_set_autosave_delay (app->library, g_rand_int_range (app->rand, 20, 201));
    }

  g_timeout_add (g_rand_int_range (app->rand, 5, 61), app_tick_cb, app);
  return G_SOURCE_REMOVE;
}

static int
run_app (const char *dir,
         guint       worker,
         guint       seconds,
         const char *log_path,
         guint32     seed)
{
  App app = { 0 };
  GListModel *sessions;
  GListModel *problems;

  app.worker = worker;
  app.rand = g_rand_new_with_seed (seed);
  app.log_fd = open_log (log_path);
  app.pending = g_ptr_array_new_with_free_func (g_free);
  app.loop = g_main_loop_new (NULL, FALSE);
  app.library = ik_library_new (dir);
  app.until_flush = g_rand_int_range (app.rand, 2, 16);
  ik_library_set_autosave_delay (app.library, g_rand_int_range (app.rand, 20, 201));
  ik_library_set_retry_delay (app.library, 100);

  ik_library_load_async (app.library, NULL, app_load_cb, &app);
  while (!app.loaded)
    g_main_context_iteration (NULL, TRUE);

  sessions = ik_library_get_sessions (app.library);
  problems = ik_library_get_problems (app.library);
  app.n_sessions = g_list_model_get_n_items (sessions);
  if (app.n_sessions == 0 || g_list_model_get_n_items (problems) > 0)
    g_error ("worker %u: expected a clean library, found %u sessions and %u problems",
             worker, app.n_sessions, g_list_model_get_n_items (problems));
  app.session_ids = g_new0 (char *, app.n_sessions + 1);
  for (guint i = 0; i < app.n_sessions; i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);

      g_assert (g_list_model_get_n_items (ik_session_get_records (session)) == N_RECORDS);
      app.session_ids[i] = g_strdup (ik_session_get_id (session));
    }
  g_signal_connect (sessions, "items-changed", G_CALLBACK (app_sessions_changed_cb), &app);
  g_signal_connect (problems, "items-changed", G_CALLBACK (app_problems_changed_cb), &app);

  app.deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  printf ("ready\n");
  fflush (stdout);

  /* Edits come from the main loop, which also runs the autosave timers
   * and the file monitor that reports the other processes' writes. */
  g_timeout_add (1, app_tick_cb, &app);
  g_main_loop_run (app.loop);

  printf ("stats worker=%u edits=%u shared=%u acked=%u unacked=%u flushes=%u "
          "flush_failures=%u reloads=%u conflicts=%u other_problems=%u missing=%u\n",
          worker, app.edits, app.shared_edits, app.acked, app.pending->len, app.flushes,
          app.flush_failures, app.reloads, app.conflicts, app.other_problems, app.missing);
  fflush (stdout);

  g_signal_handlers_disconnect_by_data (sessions, &app);
  g_signal_handlers_disconnect_by_data (problems, &app);
  g_clear_object (&app.library);
  g_main_loop_unref (app.loop);
  g_ptr_array_unref (app.pending);
  g_strfreev (app.session_ids);
  g_rand_free (app.rand);
  close (app.log_fd);
  return 0;
}

/* The third party ***************************************************************/

typedef struct
{
  GRand    *rand;
  char     *sessions_dir;
  GStrv     names;          /* "<id>.json" of every session */
  guint     n_names;
  int       log_fd;
  guint64   counter;

  guint     atomic;         /* acknowledged writes by temp + rename */
  guint     in_place;       /* acknowledged writes in place */
  guint     long_pauses;    /* in-place writes left half done for longer */
  guint     kept_aside;     /* atomic writes that replaced a file changed
                             * after we read it: that file was kept as a
                             * conflict copy */
  guint     overtaken;      /* in-place writes into a file renamed away
                             * meanwhile: not in the library, not counted */
  guint     unreadable;     /* files skipped: could not read or parse */
} Third;

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len,
           off_t       offset)
{
  while (len > 0)
    {
      ssize_t n = pwrite (fd, data, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      len -= n;
      offset += n;
    }
  return TRUE;
}

static gboolean
read_fd (int     fd,
         char  **contents,
         gsize  *length)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  char chunk[8192];
  off_t offset = 0;

  for (;;)
    {
      ssize_t n = pread (fd, chunk, sizeof chunk, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      g_byte_array_append (buf, (guint8 *) chunk, n);
      offset += n;
    }
  *length = buf->len;
  g_byte_array_append (buf, (guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&buf), FALSE);
  return TRUE;
}

/* Our edit: the role gets one more tag. NULL when the file is not a
 * complete session (it always should be: the applications only rename). */
static char *
third_edit (const char *data,
            gsize       len,
            const char *tag,
            gsize      *out_len)
{
  g_autoptr(JsonNode) root = ik_json_parse (data, len, NULL, NULL, NULL);
  g_autofree char *role = NULL;
  JsonObject *o;
  JsonNode *member;

  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  member = json_object_get_member (o, "role");
  role = g_strconcat (member != NULL && JSON_NODE_HOLDS_VALUE (member) ?
                      json_node_get_string (member) : "", tag, NULL);
  json_object_set_string_member (o, "role", role);
  return ik_json_to_data (root, out_len, NULL);
}

static void
third_keep_aside (Third      *third,
                  const char *from,
                  const char *name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (".json"));
  g_autofree char *copy = g_strdup_printf ("%s/%s.sync-conflict-%s-%06" G_GUINT64_FORMAT ".json",
                                           third->sessions_dir, id, stamp, third->counter);

  if (g_rename (from, copy) != 0)
    g_error ("Cannot rename %s: %s", from, g_strerror (errno));
}

/* Temp file + rename, as Syncthing does. Careful like it: the file we
 * replace must be the one we read, else it is kept as a conflict copy. The
 * check is exact: the rename exchanges the two names atomically, and what
 * comes out is what we replaced. */
static void
third_write_atomic (Third      *third,
                    const char *path,
                    const char *name,
                    const char *before,
                    gsize       before_len,
                    const char *data,
                    gsize       len)
{
  g_autofree char *tmp = g_strdup_printf ("%s/.syncthing.%s.tmp", third->sessions_dir, name);
  g_autofree char *replaced = NULL;
  gsize replaced_len = 0;
  int fd;

  fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || !write_all (fd, data, len, 0) || fsync (fd) != 0)
    g_error ("Cannot write %s: %s", tmp, g_strerror (errno));
  close (fd);

  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) != 0)
    {
      if (errno != EINVAL && errno != ENOSYS)
        g_error ("Cannot exchange %s: %s", path, g_strerror (errno));
      /* No exchange on this file system: a plain rename, which cannot
       * tell what it replaced. */
      if (g_rename (tmp, path) != 0)
        g_error ("Cannot rename %s: %s", tmp, g_strerror (errno));
      return;
    }

  if (!g_file_get_contents (tmp, &replaced, &replaced_len, NULL))
    g_error ("Cannot read back %s", tmp);
  if (replaced_len == before_len && memcmp (replaced, before, before_len) == 0)
    g_unlink (tmp);
  else
    {
      third_keep_aside (third, tmp, name);
      third->kept_aside++;
    }
}

/* Truncate, write half, pause, write the rest: the application may see an
 * empty or half-written file. Our edit counts only if the file is still the
 * one we wrote into: an application's rename in the meantime put another
 * file in its place, and our bytes went to the replaced one. */
static gboolean
third_write_in_place (Third *third,
                      int    fd,
                      const struct stat *st_read,
                      const char *path,
                      const char *data,
                      gsize       len)
{
  gsize half = g_rand_int_range (third->rand, 1, (gint32) len);
  struct stat st;
  guint pause_us;

  /* Mostly a few milliseconds; sometimes longer than the library's
   * settling time for file events. */
  if (g_rand_int_range (third->rand, 0, 20) == 0)
    {
      pause_us = g_rand_int_range (third->rand, 200000, 500001);
      third->long_pauses++;
    }
  else
    pause_us = g_rand_int_range (third->rand, 1000, 20001);

  if (ftruncate (fd, 0) != 0 || !write_all (fd, data, half, 0))
    g_error ("Cannot write %s: %s", path, g_strerror (errno));
  /* Not synchronisation: this is the window the applications must cope
   * with. */
  g_usleep (pause_us);
  if (!write_all (fd, data + half, len - half, half) || fsync (fd) != 0)
    g_error ("Cannot write %s: %s", path, g_strerror (errno));

  if (stat (path, &st) != 0 || st.st_ino != st_read->st_ino || st.st_dev != st_read->st_dev)
    {
      third->overtaken++;
      return FALSE;
    }
  return TRUE;
}

static void
third_step (Third *third)
{
  const char *name = third->names[g_rand_int_range (third->rand, 0, third->n_names)];
  g_autofree char *path = g_build_filename (third->sessions_dir, name, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *tag = NULL;
  gboolean atomic = g_rand_boolean (third->rand);
  const char *mode = g_getenv ("IK_STRESS_THIRD_PARTY_WRITES");
  gboolean ok;
  gsize before_len = 0;
  gsize after_len = 0;
  struct stat st;
  int fd;

  /* "atomic" or "in-place" narrows a failure down by hand. */
  if (g_strcmp0 (mode, "atomic") == 0 || g_strcmp0 (mode, "in-place") == 0)
    atomic = g_strcmp0 (mode, "atomic") == 0;
  fd = open (path, (atomic ? O_RDONLY : O_RDWR) | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || !read_fd (fd, &before, &before_len))
    {
      third->unreadable++;
      if (fd >= 0)
        close (fd);
      return;
    }

  tag = g_strdup_printf ("[t:%" G_GUINT64_FORMAT "]", ++third->counter);
  after = third_edit (before, before_len, tag, &after_len);
  if (after == NULL)
    {
      if (third->unreadable++ < 5)
        g_printerr ("third party: %s does not parse\n", path);
      close (fd);
      return;
    }

  if (atomic)
    {
      close (fd);
      third_write_atomic (third, path, name, before, before_len, after, after_len);
      third->atomic++;
      ok = TRUE;
    }
  else
    {
      ok = third_write_in_place (third, fd, &st, path, after, after_len);
      close (fd);
      third->in_place += ok;
    }

  if (ok)
    {
      g_autofree char *id = g_strndup (name, strlen (name) - strlen (".json"));
      g_autofree char *line = g_strdup_printf ("%s %s role\n", tag, id);

      log_write (third->log_fd, line);
    }
}

static int
run_third_party (const char *dir,
                 guint       seconds,
                 const char *log_path,
                 guint32     seed)
{
  Third third = { 0 };
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  third.rand = g_rand_new_with_seed (seed);
  third.sessions_dir = g_build_filename (dir, "sessions", NULL);
  third.log_fd = open_log (log_path);

  d = g_dir_open (third.sessions_dir, 0, NULL);
  g_assert (d != NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *id = g_str_has_suffix (name, ".json") ?
        g_strndup (name, strlen (name) - strlen (".json")) : NULL;

      if (id != NULL && ik_id_is_valid (id))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  third.n_names = names->len - 1;
  third.names = (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  g_assert (third.n_names > 0);

  printf ("ready\n");
  fflush (stdout);

  while (g_get_monotonic_time () < deadline)
    {
      third_step (&third);
      /* Pacing, not synchronisation: a busy sync client. */
      g_usleep (g_rand_int_range (third.rand, 20000, 150001));
    }

  printf ("stats third-party atomic=%u in_place=%u long_pauses=%u kept_aside=%u "
          "overtaken=%u unreadable=%u\n",
          third.atomic, third.in_place, third.long_pauses, third.kept_aside,
          third.overtaken, third.unreadable);
  fflush (stdout);

  g_strfreev (third.names);
  g_free (third.sessions_dir);
  g_rand_free (third.rand);
  close (third.log_fd);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  /* The library's messages go to the test's log as they are. */
  setlocale (LC_ALL, "");

  if (argc == 7 && strcmp (argv[1], "app") == 0)
    return run_app (argv[2], atoi (argv[3]), atoi (argv[4]), argv[5],
                    (guint32) g_ascii_strtoull (argv[6], NULL, 10));
  if (argc == 6 && strcmp (argv[1], "third-party") == 0)
    return run_third_party (argv[2], atoi (argv[3]), argv[4],
                            (guint32) g_ascii_strtoull (argv[5], NULL, 10));

  fprintf (stderr, "Usage: %s app DIR WORKER-NO SECONDS LOG SEED\n"
                   "       %s third-party DIR SECONDS LOG SEED\n", argv[0], argv[0]);
  return 2;
}
