/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bench: how Interview Kit copes with a big library.
 *
 * Writes a synthetic library (ik-bench-generate.c) into a temporary folder
 * and measures, as medians over --runs runs:
 *   - loading it (parse and build every object), in a child process so
 *     that its peak RSS is the load's own;
 *   - searching every question for a series of typed prefixes, the way the
 *     question browser searches (IkSearchResults over IkSearchModel);
 *   - the autosave of one edited session against g_file_set_contents_full()
 *     of the same bytes with the same flags, the physical floor;
 *   - the export of one scorecard to each format;
 *   - the slow work of issue 11 on large inputs: the PDF export of a
 *     scorecard with 2 x 1 MB of notes and the import of a 5 MB guide,
 *     wall and CPU time (--large-inputs-only runs just these);
 *   - start-up: spawn to first frame of the mapped main window, against a
 *     minimal libadwaita window (ik-bench-minimal-window), and the memory of
 *     both once they have settled.
 * Prints a table and writes the figures, their targets and whether each is
 * met as JSON, to compare commits.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ik-bank.h"
#include "ik-bench-generate.h"
#include "ik-bench-util.h"
#include "ik-file-store.h"
#include "ik-guide-import.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-library-private.h"
#include "ik-pdf-export.h"
#include "ik-question-record.h"
#include "ik-scorecard-export.h"
#include "ik-scorecard.h"
#include "ik-search.h"
#include "ik-search-results.h"
#include "ik-session.h"

#define BENCH_SEED 20261125
#define CHILD_TIMEOUT_MS 60000

/* Targets of issue 8 on a 2-core machine. */
#define TARGET_LOAD_MS 400.0
#define TARGET_STARTUP_RATIO 1.3
#define TARGET_SEARCH_MS 8.0
#define TARGET_AUTOSAVE_RATIO 1.5
#define TARGET_RSS_DELTA_MB 80.0

/* What a user types into the search entry, one keystroke at a time. */
static const char * const typed_queries[] = {
  "security incident",
  "threat model",
  "rollback",
};

typedef struct
{
  const char *key;
  const char *label;
  const char *unit;
  double      value;     /* NAN: not measured */
  double      target;    /* NAN: no target, the figure is for information */
  char       *note;      /* why it is missing, or a detail */
} Figure;

typedef struct
{
  IkBenchSizes        sizes;
  guint               runs;
  gboolean            verbose;
  char               *output;
  char               *app;
  char               *minimal;
  char               *self_exe;
  char               *root;          /* temporary folder, removed at the end */
  char               *library_dir;   /* $XDG_DATA_HOME/<app id> */
  IkBenchLibraryInfo  info;
  guint               n_questions_loaded;
  guint               n_sessions_loaded;
  GArray             *figures;       /* Figure */
} Bench;

static void
figure_clear (gpointer data)
{
  Figure *figure = data;

  g_free (figure->note);
}

static Figure *
add_figure (Bench      *bench,
            const char *key,
            const char *label,
            const char *unit,
            double      value,
            double      target)
{
  Figure figure = { key, label, unit, value, target, NULL };

  g_array_append_val (bench->figures, figure);
  return &g_array_index (bench->figures, Figure, bench->figures->len - 1);
}

static void
add_missing_figure (Bench      *bench,
                    const char *key,
                    const char *label,
                    const char *unit,
                    double      target,
                    const char *why)
{
  Figure *figure = add_figure (bench, key, label, unit, NAN, target);

  figure->note = g_strdup (why);
}

static gboolean
figure_passes (const Figure *figure)
{
  return isnan (figure->target) || (!isnan (figure->value) && figure->value <= figure->target);
}

static void
add_sample (GArray *samples,
            double  value)
{
  g_array_append_val (samples, value);
}

static double
usec_to_ms (gint64 usec)
{
  return usec / 1000.0;
}

static double
rusage_cpu_ms (const struct rusage *usage)
{
  return (usage->ru_utime.tv_sec + usage->ru_stime.tv_sec) * 1000.0 +
         (usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) / 1000.0;
}

/* ---- Processes --------------------------------------------------------- */

/* User plus system CPU time of a process in clock ticks, or -1. */
static gint64
read_cpu_ticks (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  /* The command name is in parentheses and may hold spaces. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  /* After the name: state (field 3) ... utime (14), stime (15). */
  if (g_strv_length (fields) < 13)
    return -1;
  return g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10);
}

static char **
child_environment (Bench    *bench,
                   gboolean  exit_after_map)
{
  char **env = g_get_environ ();
  g_autofree char *data = g_build_filename (bench->root, "data", NULL);
  g_autofree char *config = g_build_filename (bench->root, "config", NULL);
  g_autofree char *cache = g_build_filename (bench->root, "cache", NULL);
  g_autofree char *state = g_build_filename (bench->root, "state", NULL);

  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", TOP_BUILDDIR "/data", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  if (exit_after_map)
    env = g_environ_setenv (env, "IK_BENCH_EXIT_AFTER_MAP", "1", TRUE);
  else
    env = g_environ_unsetenv (env, "IK_BENCH_EXIT_AFTER_MAP");
  return env;
}

/* Spawns @argv, reads its standard output until a line starting with
 * @prefix, waits for it to exit and returns the line (without @prefix),
 * the time of the spawn and the child's resource usage. */
static char *
spawn_for_line (Bench          *bench,
                char          **argv,
                char          **envp,
                const char     *prefix,
                gint64         *spawn_time,
                struct rusage  *usage,
                GError        **error)
{
  g_autoptr(GString) output = g_string_new (NULL);
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD;
  gint64 deadline;
  GPid pid;
  int out_fd = -1;
  int status = 0;
  gboolean timed_out = FALSE;
  char *line = NULL;

  if (!bench->verbose)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;

  *spawn_time = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp, flags, NULL, NULL, &pid,
                                 NULL, &out_fd, NULL, error))
    return NULL;

  deadline = *spawn_time + CHILD_TIMEOUT_MS * G_GINT64_CONSTANT (1000);
  for (;;)
    {
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      char buffer[4096];
      ssize_t n;
      int ready;

      ready = left > 0 ? poll (&pfd, 1, (int) left) : 0;
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready <= 0)
        {
          timed_out = TRUE;
          break;
        }
      n = read (out_fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (output, buffer, n);
    }
  close (out_fd);

  /* The output closed when the child exited; only a child that is still
   * running at the deadline is killed. */
  if (timed_out)
    kill (pid, SIGKILL);
  memset (usage, 0, sizeof *usage);
  if (wait4 (pid, &status, 0, usage) < 0)
    memset (usage, 0, sizeof *usage);
  g_spawn_close_pid (pid);

  for (char *p = output->str; p != NULL && *p != '\0';)
    {
      char *end = strchr (p, '\n');

      if (g_str_has_prefix (p, prefix))
        {
          line = g_strndup (p + strlen (prefix), end != NULL ? (gsize) (end - p) - strlen (prefix) : strlen (p + strlen (prefix)));
          break;
        }
      p = end != NULL ? end + 1 : NULL;
    }

  if (line == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "%s did not print “%s” (exit status %d)", argv[0], prefix, status);
  return line;
}

/* Runs @argv until it has settled (no CPU time used for a second, after at
 * least two), and returns its peak RSS in kB. */
static gint64
settled_peak_rss (Bench   *bench,
                  char   **argv,
                  char   **envp,
                  GError **error)
{
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL;
  g_autofree char *pid_text = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 last_ticks = -1;
  gint64 quiet_since = start;
  gint64 peak = -1;
  struct rusage usage;
  int status;
  GPid pid;

  if (!bench->verbose)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  if (!g_spawn_async (NULL, argv, envp, flags, NULL, NULL, &pid, error))
    return -1;
  pid_text = g_strdup_printf ("%d", pid);

  while (g_get_monotonic_time () - start < CHILD_TIMEOUT_MS * G_GINT64_CONSTANT (1000))
    {
      gint64 now;
      gint64 ticks;

      g_usleep (100 * 1000);
      if (waitpid (pid, &status, WNOHANG) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s exited early", argv[0]);
          g_spawn_close_pid (pid);
          return -1;
        }
      now = g_get_monotonic_time ();
      ticks = read_cpu_ticks (pid);
      if (ticks != last_ticks)
        {
          last_ticks = ticks;
          quiet_since = now;
        }
      else if (now - start > 2 * G_USEC_PER_SEC && now - quiet_since >= G_USEC_PER_SEC)
        {
          peak = ik_bench_status_kb (pid_text, "VmHWM:");
          break;
        }
    }

  kill (pid, peak < 0 ? SIGKILL : SIGTERM);
  if (wait4 (pid, &status, 0, &usage) == 0 && peak < 0)
    peak = usage.ru_maxrss;
  g_spawn_close_pid (pid);
  if (peak < 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s never settled", argv[0]);
  return peak;
}

/* ---- Loading ------------------------------------------------------------ */

typedef struct
{
  gboolean done;
  GError  *error;
} LoadData;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadData *data = user_data;

  ik_library_load_finish (IK_LIBRARY (source), result, &data->error);
  data->done = TRUE;
}

static IkLibrary *
load_library (const char  *dir,
              GError     **error)
{
  g_autoptr(IkLibrary) library = ik_library_new (dir);
  LoadData data = { FALSE, NULL };

  ik_library_load_async (library, NULL, on_loaded, &data);
  while (!data.done)
    g_main_context_iteration (NULL, TRUE);
  if (data.error != NULL)
    {
      g_propagate_error (error, data.error);
      return NULL;
    }
  return g_steal_pointer (&library);
}

static guint
count_questions (IkLibrary *library)
{
  GListModel *banks = ik_library_get_banks (library);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (banks); i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, i);

      n += g_list_model_get_n_items (ik_bank_get_questions (bank));
    }
  return n;
}

/* --load-only DIR: the child of the load benchmark. */
static int
run_load_only (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  gint64 rss_before = ik_bench_status_kb ("self", "VmRSS:");
  gint64 start = g_get_monotonic_time ();
  gint64 rss_after;
  gint64 elapsed;

  library = load_library (dir, &error);
  elapsed = g_get_monotonic_time () - start;
  if (library == NULL)
    {
      g_printerr ("ik-bench: loading %s failed: %s\n", dir, error->message);
      return 1;
    }
  rss_after = ik_bench_status_kb ("self", "VmRSS:");
#ifdef __GLIBC__
  /* What the objects really hold, without the freed JSON trees that the
   * allocator keeps in the worker thread's arena. */
  malloc_trim (0);
#endif
  g_print ("load %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %u %u %u\n",
           elapsed, rss_before, rss_after, ik_bench_status_kb ("self", "VmRSS:"),
           g_list_model_get_n_items (ik_library_get_banks (library)),
           count_questions (library),
           g_list_model_get_n_items (ik_library_get_sessions (library)),
           g_list_model_get_n_items (ik_library_get_problems (library)));
  fflush (stdout);
  /* Tearing 10,000 questions down is not part of the figure. */
  _exit (0);
}

static void
bench_load (Bench *bench)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) growths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) retained = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) env = child_environment (bench, FALSE);
  char *argv[] = { bench->self_exe, (char *) "--load-only", bench->library_dir, NULL };
  g_autofree char *error_text = NULL;
  guint problems = 0;

  /* One run to warm the page cache, as after the generation or any recent
   * use; the figure is the parse-and-build time, not the disk's. */
  for (guint run = 0; run <= bench->runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      struct rusage usage;
      gint64 spawned;
      gint64 usec = 0, rss_before = 0, rss_after = 0, rss_trimmed = 0;
      guint n_banks = 0, n_questions = 0, n_sessions = 0;

      line = spawn_for_line (bench, argv, env, "load ", &spawned, &usage, &error);
      if (line == NULL)
        {
          error_text = g_strdup (error->message);
          break;
        }
      if (sscanf (line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %u %u %u",
                  &usec, &rss_before, &rss_after, &rss_trimmed,
                  &n_banks, &n_questions, &n_sessions, &problems) != 8)
        {
          error_text = g_strdup_printf ("unexpected output: %s", line);
          break;
        }
      if (run == 0)
        continue;
      add_sample (times, usec_to_ms (usec));
      add_sample (peaks, usage.ru_maxrss / 1024.0);
      add_sample (growths, (usage.ru_maxrss - rss_before) / 1024.0);
      add_sample (retained, (rss_after - rss_before) / 1024.0);
      add_sample (live, (rss_trimmed - rss_before) / 1024.0);
      add_sample (cpu, rusage_cpu_ms (&usage));
    }

  if (error_text != NULL)
    {
      add_missing_figure (bench, "load_ms", "Library load (parse + build all)", "ms", TARGET_LOAD_MS, error_text);
      return;
    }
  add_figure (bench, "load_ms", "Library load (parse + build all)", "ms", ik_bench_median (times), TARGET_LOAD_MS);
  add_figure (bench, "load_cpu_ms", "Library load: CPU time of the process", "ms CPU", ik_bench_median (cpu), NAN);
  add_figure (bench, "load_peak_rss_mb", "Library load: peak RSS of the process", "MB", ik_bench_median (peaks), NAN);
  add_figure (bench, "load_rss_growth_mb", "Library load: peak RSS added by the load", "MB", ik_bench_median (growths), NAN);
  add_figure (bench, "load_rss_retained_mb", "Library load: RSS still held once loaded", "MB", ik_bench_median (retained), NAN);
  add_figure (bench, "load_rss_live_mb", "Library load: of which live objects", "MB", ik_bench_median (live), NAN);
  if (problems > 0)
    g_printerr ("ik-bench: warning: the library loaded with %u problems\n", problems);
}

typedef struct
{
  GPtrArray *paths;
  guint      n_banks;
  guint      first;
  guint      step;
  gboolean   ok;
} LoadSlice;

/* Reads, parses and builds every step-th file from first on. */
static gpointer
load_slice_thread (gpointer user_data)
{
  LoadSlice *slice = user_data;

  slice->ok = TRUE;
  for (guint i = slice->first; i < slice->paths->len && slice->ok; i += slice->step)
    {
      g_autofree char *data = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GObject) object = NULL;
      gsize len = 0;

      if (!ik_file_store_read (g_ptr_array_index (slice->paths, i), IK_JSON_MAX_FILE_SIZE,
                               &data, &len, NULL) ||
          (root = ik_json_parse (data, len, NULL, NULL, NULL)) == NULL)
        {
          slice->ok = FALSE;
          break;
        }
      object = i < slice->n_banks ? G_OBJECT (ik_bank_new_from_json (root, NULL))
                                  : G_OBJECT (ik_session_new_from_json (root, NULL));
      slice->ok = object != NULL;
    }
  return NULL;
}

/* What the same read, parse and build cost spread over every core, as a
 * load split across worker threads would be: the wall time, and how much
 * faster than one thread. */
static double
load_on_all_cores (GPtrArray *paths,
                   guint      n_banks,
                   guint      n_threads)
{
  g_autofree LoadSlice *slices = g_new0 (LoadSlice, n_threads);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  gint64 start = g_get_monotonic_time ();
  gboolean ok = TRUE;

  for (guint t = 0; t < n_threads; t++)
    {
      slices[t] = (LoadSlice) { paths, n_banks, t, n_threads, FALSE };
      threads[t] = g_thread_new ("bench-load", load_slice_thread, &slices[t]);
    }
  for (guint t = 0; t < n_threads; t++)
    {
      g_thread_join (threads[t]);
      ok = ok && slices[t].ok;
    }
  return ok ? usec_to_ms (g_get_monotonic_time () - start) : NAN;
}

/* Where the load's time goes: every file of the library read, parsed by
 * ik_json_parse() (and, for comparison, by json-glib alone), built into
 * objects and hashed, one stage at a time on one thread. The stages mirror
 * what IkLibrary does per file; they are for finding the cause when the
 * load misses its target, not a second load figure. */
static void
bench_load_stages (Bench *bench)
{
  static const char * const kinds[] = { "banks", "sessions" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start;
  double read_ms, parse_ms, json_glib_ms, build_ms, checksum_ms, free_ms;
  guint n_banks = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *dir_path = g_build_filename (bench->library_dir, kinds[k], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".json"))
          g_ptr_array_add (names, g_strdup (name));
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (paths, g_build_filename (dir_path, g_ptr_array_index (names, i), NULL));
      if (k == 0)
        n_banks = paths->len;
    }

  start = ik_bench_thread_cpu_us ();
  for (guint i = 0; i < paths->len; i++)
    {
      char *data = NULL;
      gsize len = 0;

      if (!ik_file_store_read (g_ptr_array_index (paths, i), IK_JSON_MAX_FILE_SIZE, &data, &len, NULL))
        return;
      g_ptr_array_add (datas, data);
      g_array_append_val (lengths, len);
    }
  read_ms = usec_to_ms (ik_bench_thread_cpu_us () - start);


  start = ik_bench_thread_cpu_us ();
  for (guint i = 0; i < datas->len; i++)
    {
      JsonNode *root = ik_json_parse (g_ptr_array_index (datas, i), g_array_index (lengths, gsize, i),
                                      NULL, NULL, NULL);

      if (root == NULL)
        return;
      g_ptr_array_add (roots, root);
    }
  parse_ms = usec_to_ms (ik_bench_thread_cpu_us () - start);

  start = ik_bench_thread_cpu_us ();
  for (guint i = 0; i < roots->len; i++)
    {
      JsonNode *root = g_ptr_array_index (roots, i);
      GObject *object = i < n_banks ? G_OBJECT (ik_bank_new_from_json (root, NULL))
                                    : G_OBJECT (ik_session_new_from_json (root, NULL));

      if (object == NULL)
        return;
      g_ptr_array_add (objects, object);
    }
  build_ms = usec_to_ms (ik_bench_thread_cpu_us () - start);

  start = ik_bench_thread_cpu_us ();
  for (guint i = 0; i < datas->len; i++)
    g_free (g_compute_checksum_for_data (G_CHECKSUM_SHA256, g_ptr_array_index (datas, i),
                                         g_array_index (lengths, gsize, i)));
  checksum_ms = usec_to_ms (ik_bench_thread_cpu_us () - start);

  start = ik_bench_thread_cpu_us ();
  g_ptr_array_set_size (roots, 0);
  free_ms = usec_to_ms (ik_bench_thread_cpu_us () - start);

  /* After the trees are freed, so that it reuses the heap they grew. */
  start = ik_bench_thread_cpu_us ();
  for (guint i = 0; i < datas->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      json_parser_load_from_data (parser, g_ptr_array_index (datas, i),
                                  g_array_index (lengths, gsize, i), NULL);
    }
  json_glib_ms = usec_to_ms (ik_bench_thread_cpu_us () - start);

  {
    guint n_threads = MAX (g_get_num_processors (), 1);
    g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
    Figure *figure;

    for (guint run = 0; run < MIN (bench->runs, 3); run++)
      {
        add_sample (one, load_on_all_cores (paths, n_banks, 1));
        add_sample (all, load_on_all_cores (paths, n_banks, n_threads));
      }
    figure = add_figure (bench, "load_parallel_ms", "  read + parse + build on every core", "ms",
                         ik_bench_median (all), NAN);
    figure->note = g_strdup_printf ("%u threads; %.0f ms on one", n_threads, ik_bench_median (one));
  }
  add_figure (bench, "load_stage_read_ms", "  load stage: read every file", "ms CPU", read_ms, NAN);
  add_figure (bench, "load_stage_parse_ms", "  load stage: ik_json_parse", "ms CPU", parse_ms, NAN);
  add_figure (bench, "load_stage_json_glib_ms", "  load stage: of which json-glib alone", "ms CPU", json_glib_ms, NAN);
  add_figure (bench, "load_stage_build_ms", "  load stage: build objects from JSON", "ms CPU", build_ms, NAN);
  add_figure (bench, "load_stage_free_json_ms", "  load stage: free the JSON trees", "ms CPU", free_ms, NAN);
  add_figure (bench, "load_stage_checksum_ms", "  load stage: SHA-256 of every file", "ms CPU", checksum_ms, NAN);
}

/* ---- Search ------------------------------------------------------------- */

static void
bench_search (Bench     *bench,
              IkLibrary *library)
{
  g_autoptr(IkSearchModel) all = ik_search_model_new (ik_library_get_banks (library));
  IkSearchQuery *query = NULL;
  g_autoptr(IkSearchResults) results = ik_search_results_new ();
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) worst = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (all));
  double cold = NAN;
  guint n_keystrokes = 0;
  Figure *figure;

  ik_search_results_set_model (results, G_LIST_MODEL (all));

  /* The browser prepares every question's search text in idle slices once
   * the library has arrived; do the same before the first keystroke and
   * report what that idle work costs in all. */
  {
    guint position = 0;
    gint64 start = g_get_monotonic_time ();

    while (ik_search_model_warm (all, &position, 250))
      ;
    add_figure (bench, "search_warm_ms", "Search: preparing all questions (idle, after load)", "ms",
                usec_to_ms (g_get_monotonic_time () - start), NAN);
  }

  for (guint run = 0; run < bench->runs; run++)
    {
      double slowest = 0;

      for (guint q = 0; q < G_N_ELEMENTS (typed_queries); q++)
        {
          const char *text = typed_queries[q];

          for (gsize len = 1; len <= strlen (text); len++)
            {
              g_autofree char *prefix = g_strndup (text, len);
              gint64 start = g_get_monotonic_time ();
              double ms;

              g_clear_pointer (&query, ik_search_query_unref);
              query = ik_search_query_new (prefix, NULL, NULL);
              ik_search_results_set_query (results, query);
              ms = usec_to_ms (g_get_monotonic_time () - start);

              if (isnan (cold))
                cold = ms;
              add_sample (keystrokes, ms);
              slowest = MAX (slowest, ms);
              n_keystrokes++;
            }
          /* Clearing the entry shows everything again. */
          g_clear_pointer (&query, ik_search_query_unref);
          ik_search_results_set_query (results, NULL);
        }
      add_sample (worst, slowest);
    }
  g_clear_pointer (&query, ik_search_query_unref);

  figure = add_figure (bench, "search_keystroke_ms", "Search: time per keystroke (median)", "ms",
                       ik_bench_median (keystrokes), TARGET_SEARCH_MS);
  figure->note = g_strdup_printf ("%u questions, %u keystrokes per run", n_all,
                                  n_keystrokes / MAX (bench->runs, 1));
  add_figure (bench, "search_worst_keystroke_ms", "Search: slowest keystroke (full scan)", "ms",
              ik_bench_median (worst), TARGET_SEARCH_MS);
  add_figure (bench, "search_cold_keystroke_ms", "Search: first keystroke after load and idle preparation", "ms",
              cold, TARGET_SEARCH_MS);
}

/* ---- Autosave ----------------------------------------------------------- */

static IkSession *
find_session (IkLibrary *library,
              gboolean   submitted)
{
  GListModel *sessions = ik_library_get_sessions (library);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      IkScorecard *scorecard = ik_session_get_scorecard (session);

      if (g_list_model_get_n_items (ik_session_get_records (session)) == 0)
        continue;
      if ((ik_scorecard_get_submitted (scorecard) != NULL) == submitted)
        return session;
    }
  return NULL;
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
bench_autosave (Bench     *bench,
                IkLibrary *library)
{
  IkSession *session = find_session (library, FALSE);
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) serialise = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *floor_path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *error_text = NULL;
  g_autoptr(IkQuestionRecord) record = NULL;
  guint n = MAX (bench->runs * 4, 12);
  gsize size = 0;
  Figure *figure;

  if (session == NULL)
    {
      add_missing_figure (bench, "autosave_ms", "Autosave of one edited session", "ms", NAN,
                          "no editable session in the library");
      return;
    }

  /* Saves happen when the benchmark flushes, never on a timer in between. */
  ik_library_set_autosave_delay (library, 600 * 1000);
  name = g_strconcat (ik_session_get_id (session), ".json", NULL);
  path = g_build_filename (bench->library_dir, "sessions", name, NULL);
  /* Next to the library's folders, on the same file system, but outside the
   * folders the library watches. */
  floor_path = g_build_filename (bench->library_dir, "bench-floor.json", NULL);
  record = g_list_model_get_item (ik_session_get_records (session), 0);
  original = g_strdup (ik_question_record_get_notes (record));

  /* The first save writes a file of the final size: the floor needs its
   * bytes before the loop. */
  ik_question_record_set_notes (record, original);
  for (guint i = 0; i <= n && error_text == NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *marker = g_strdup_printf ("Edit %u: follow-up answered.", i);
      g_autofree char *notes = g_strdup_printf ("%s\n%s", original, marker);
      g_autofree char *contents = NULL;
      gint64 start;
      gint64 saved;

      /* The edit itself (a keystroke in the notes) is not the save. */
      ik_question_record_set_notes (record, notes);
      start = g_get_monotonic_time ();
      if (!ik_library_flush (library, &error))
        {
          error_text = g_strdup (error->message);
          break;
        }
      saved = g_get_monotonic_time ();
      drain_main_context ();

      if (!g_file_get_contents (path, &contents, &size, &error))
        {
          error_text = g_strdup (error->message);
          break;
        }
      if (strstr (contents, marker) == NULL)
        {
          error_text = g_strdup ("the edit did not reach the file");
          break;
        }
      /* The first save of a run pays for warming up. */
      if (i == 0)
        continue;
      add_sample (saves, usec_to_ms (saved - start));

      start = g_get_monotonic_time ();
      if (!g_file_set_contents_full (floor_path, contents, size,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, &error))
        {
          error_text = g_strdup (error->message);
          break;
        }
      add_sample (floors, usec_to_ms (g_get_monotonic_time () - start));

      /* What the save does besides writing: the session to bytes. */
      start = g_get_monotonic_time ();
      {
        g_autoptr(JsonNode) root = ik_session_to_json (session);
        g_autofree char *bytes = ik_json_to_data (root, NULL, NULL);
      }
      add_sample (serialise, usec_to_ms (g_get_monotonic_time () - start));
    }
  g_unlink (floor_path);

  if (error_text != NULL)
    {
      add_missing_figure (bench, "autosave_ms", "Autosave of one edited session", "ms", NAN, error_text);
      return;
    }
  figure = add_figure (bench, "autosave_ms", "Autosave of one edited session", "ms", ik_bench_median (saves), NAN);
  figure->note = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes, %u saves", size, n);
  add_figure (bench, "autosave_floor_ms", "g_file_set_contents_full, same bytes", "ms", ik_bench_median (floors), NAN);
  add_figure (bench, "autosave_serialise_ms", "  of the save: session to JSON bytes", "ms", ik_bench_median (serialise), NAN);
  add_figure (bench, "autosave_ratio", "Autosave / physical floor", "x",
              ik_bench_median (saves) / ik_bench_median (floors), TARGET_AUTOSAVE_RATIO);
}

/* ---- Exports ------------------------------------------------------------ */

static void
bench_exports (Bench     *bench,
               IkLibrary *library)
{
  static const struct
  {
    IkExportFormat format;
    const char    *key;
    const char    *label;
  } formats[] = {
    { IK_EXPORT_FORMAT_PDF, "export_pdf_ms", "Export one scorecard: PDF" },
    { IK_EXPORT_FORMAT_HTML, "export_html_ms", "Export one scorecard: HTML" },
    { IK_EXPORT_FORMAT_MARKDOWN, "export_markdown_ms", "Export one scorecard: Markdown" },
    { IK_EXPORT_FORMAT_CSV, "export_csv_ms", "Export one scorecard: CSV" },
    { IK_EXPORT_FORMAT_JSON, "export_json_ms", "Export one scorecard: JSON" },
  };
  IkSession *session = find_session (library, TRUE);
  IkBank *bank = session != NULL ? ik_library_find_bank (library, ik_session_get_bank_id (session)) : NULL;
  IkExportOptions options = { TRUE, FALSE };
  guint n = MAX (bench->runs * 2, 6);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *error_text = NULL;
      gsize size = 0;
      Figure *figure;

      if (session == NULL)
        error_text = g_strdup ("no submitted session in the library");

      for (guint i = 0; i < n && error_text == NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();
          gboolean ok;

          if (formats[f].format == IK_EXPORT_FORMAT_PDF)
            {
              g_autoptr(GBytes) bytes = ik_pdf_export_to_bytes (session, bank, &options, &error);

              ok = bytes != NULL;
              size = ok ? g_bytes_get_size (bytes) : 0;
            }
          else
            {
              g_autofree char *data = ik_scorecard_export (session, bank, &options, formats[f].format,
                                                           &size, &error);

              ok = data != NULL;
            }
          if (!ok)
            {
              error_text = g_strdup (error != NULL ? error->message : "export failed");
              break;
            }
          add_sample (times, usec_to_ms (g_get_monotonic_time () - start));
        }

      if (error_text != NULL)
        {
          add_missing_figure (bench, formats[f].key, formats[f].label, "ms", NAN, error_text);
          continue;
        }
      figure = add_figure (bench, formats[f].key, formats[f].label, "ms", ik_bench_median (times), NAN);
      figure->note = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", size);
    }
}

/* ---- Large inputs ------------------------------------------------------- */

/* CPU time of the whole process, in microseconds: the work may use more
 * than the calling thread. */
static gint64
process_cpu_time (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (rusage_cpu_ms (&usage) * 1000.0);
}

static void
add_wall_and_cpu (Bench      *bench,
                  const char *key,
                  const char *label,
                  GArray     *walls,
                  GArray     *cpus,
                  const char *error_text,
                  char       *note)
{
  g_autofree char *cpu_key = g_strconcat (key, "_cpu", NULL);
  g_autofree char *cpu_label = g_strconcat ("  ", label, ": CPU", NULL);

  if (error_text != NULL)
    {
      add_missing_figure (bench, g_intern_string (key), label, "ms", NAN, error_text);
      g_free (note);
      return;
    }
  add_figure (bench, g_intern_string (key), label, "ms", ik_bench_median (walls), NAN)->note = note;
  add_figure (bench, g_intern_string (cpu_key), g_intern_string (cpu_label), "ms CPU", ik_bench_median (cpus), NAN);
}

/* Issue 11: both used to be quadratic in the size of their input. */
static void
bench_large_inputs (Bench *bench)
{
  const gsize notes_length = 1024 * 1024;
  const gsize guide_length = 5 * 1024 * 1024;
  g_autoptr(IkSession) session = ik_session_new ();
  g_autofree char *guide = ik_bench_generate_guide (BENCH_SEED, guide_length, 1024 * 1024);
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *error_text = NULL;
  IkExportOptions options = { TRUE, FALSE };
  guint n = MIN (bench->runs, 3);
  gsize size = 0;
  guint n_questions = 0;

  ik_session_set_candidate_name (session, "Ada Lovelace");
  for (guint r = 0; r < 2; r++)
    {
      g_autoptr(IkQuestion) question = ik_question_new ();
      g_autofree char *notes = ik_bench_generate_notes (BENCH_SEED + r, notes_length);
      IkQuestionRecord *record;

      ik_question_set_text (question, r == 0 ? "Tell me about an outage you handled."
                                             : "How do you review a design?");
      record = ik_session_add_question (session, question);
      ik_question_record_set_notes (record, notes);
    }

  for (guint i = 0; i < n && error_text == NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = process_cpu_time ();

      bytes = ik_pdf_export_to_bytes (session, NULL, &options, &error);
      if (bytes == NULL)
        {
          error_text = g_strdup (error->message);
          break;
        }
      add_sample (walls, usec_to_ms (g_get_monotonic_time () - start));
      add_sample (cpus, usec_to_ms (process_cpu_time () - cpu_start));
      size = g_bytes_get_size (bytes);
    }
  add_wall_and_cpu (bench, "pdf_notes_2x1mb_ms", "PDF export, 2 x 1 MB notes", walls, cpus, error_text,
                    g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", size));

  g_array_set_size (walls, 0);
  g_array_set_size (cpus, 0);
  for (guint i = 0; i < n && error_text == NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(IkBank) bank = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = process_cpu_time ();

      bank = ik_guide_import (guide, strlen (guide), "Bench", &warnings, &error);
      if (bank == NULL)
        {
          error_text = g_strdup (error->message);
          break;
        }
      add_sample (walls, usec_to_ms (g_get_monotonic_time () - start));
      add_sample (cpus, usec_to_ms (process_cpu_time () - cpu_start));
      n_questions = g_list_model_get_n_items (ik_bank_get_questions (bank));
    }
  add_wall_and_cpu (bench, "guide_import_5mb_ms", "Guide import, 5 MB", walls, cpus, error_text,
                    g_strdup_printf ("%u questions", n_questions));
}

/* ---- Start-up and memory ------------------------------------------------ */

static gboolean
time_to_first_frame (Bench   *bench,
                     char    *program,
                     char   **env,
                     double  *ms,
                     double  *cpu_ms,
                     GError **error)
{
  char *argv[] = { program, NULL };
  g_autofree char *line = NULL;
  struct rusage usage;
  gint64 spawned;
  gint64 mapped;

  line = spawn_for_line (bench, argv, env, "mapped ", &spawned, &usage, error);
  if (line == NULL)
    return FALSE;
  /* Both sides read CLOCK_MONOTONIC through g_get_monotonic_time(). */
  mapped = g_ascii_strtoll (line, NULL, 10);
  *ms = usec_to_ms (mapped - spawned);
  *cpu_ms = rusage_cpu_ms (&usage);
  return TRUE;
}

static void
bench_startup (Bench *bench)
{
  g_auto(GStrv) env = child_environment (bench, TRUE);
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *error_text = NULL;
  const char *why_missing = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    why_missing = "no display; build-aux/bench starts a private Xvfb";
  else if (!g_file_test (bench->app, G_FILE_TEST_IS_EXECUTABLE))
    why_missing = "not built";

  /* A first launch of each, untimed, so that both find their libraries in
   * the page cache; then alternate them so that drift hits both alike. */
  for (guint run = 0; run <= bench->runs && why_missing == NULL && error_text == NULL; run++)
    {
      g_autoptr(GError) error = NULL;
      double app_ms = 0, minimal_ms = 0, app_cpu_ms = 0, minimal_cpu_ms = 0;

      if (!time_to_first_frame (bench, bench->minimal, env, &minimal_ms, &minimal_cpu_ms, &error) ||
          !time_to_first_frame (bench, bench->app, env, &app_ms, &app_cpu_ms, &error))
        {
          error_text = g_strdup (error->message);
          break;
        }
      if (run == 0)
        continue;
      add_sample (app_times, app_ms);
      add_sample (minimal_times, minimal_ms);
      add_sample (app_cpu, app_cpu_ms);
      add_sample (minimal_cpu, minimal_cpu_ms);
    }
  if (why_missing == NULL && error_text != NULL)
    why_missing = error_text;

  if (why_missing != NULL)
    {
      add_missing_figure (bench, "startup_ms", "Start-up to first frame: Interview Kit", "ms", NAN, why_missing);
      add_missing_figure (bench, "startup_minimal_ms", "Start-up to first frame: minimal window", "ms", NAN, why_missing);
      add_missing_figure (bench, "startup_ratio", "Start-up / minimal window", "x", TARGET_STARTUP_RATIO, why_missing);
    }
  else
    {
      add_figure (bench, "startup_ms", "Start-up to first frame: Interview Kit", "ms", ik_bench_median (app_times), NAN);
      add_figure (bench, "startup_minimal_ms", "Start-up to first frame: minimal window", "ms", ik_bench_median (minimal_times), NAN);
      add_figure (bench, "startup_ratio", "Start-up / minimal window", "x",
                  ik_bench_median (app_times) / ik_bench_median (minimal_times), TARGET_STARTUP_RATIO);
      add_figure (bench, "startup_cpu_ms", "  CPU time to first frame: Interview Kit", "ms CPU", ik_bench_median (app_cpu), NAN);
      add_figure (bench, "startup_minimal_cpu_ms", "  CPU time to first frame: minimal window", "ms CPU",
                  ik_bench_median (minimal_cpu), NAN);
    }
}

static void
bench_memory (Bench *bench)
{
  g_auto(GStrv) env = child_environment (bench, FALSE);
  g_autoptr(GArray) app_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  char *app_argv[] = { bench->app, NULL };
  char *minimal_argv[] = { bench->minimal, NULL };
  g_autofree char *error_text = NULL;
  const char *why_missing = NULL;
  guint runs = MIN (bench->runs, 3);
  Figure *figure;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    why_missing = "no display; build-aux/bench starts a private Xvfb";
  else if (!g_file_test (bench->app, G_FILE_TEST_IS_EXECUTABLE))
    why_missing = "not built";

  for (guint run = 0; run < runs && why_missing == NULL; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 app_kb, minimal_kb;

      minimal_kb = settled_peak_rss (bench, minimal_argv, env, &error);
      app_kb = minimal_kb < 0 ? -1 : settled_peak_rss (bench, app_argv, env, &error);
      if (app_kb < 0)
        {
          error_text = g_strdup (error->message);
          why_missing = error_text;
          break;
        }
      add_sample (app_peaks, app_kb / 1024.0);
      add_sample (minimal_peaks, minimal_kb / 1024.0);
    }

  if (why_missing != NULL)
    {
      add_missing_figure (bench, "rss_app_mb", "Peak RSS, library loaded: Interview Kit", "MB", NAN, why_missing);
      add_missing_figure (bench, "rss_minimal_mb", "Peak RSS: minimal window", "MB", NAN, why_missing);
      add_missing_figure (bench, "rss_delta_mb", "Peak RSS above the minimal window", "MB", TARGET_RSS_DELTA_MB, why_missing);
      return;
    }
  figure = add_figure (bench, "rss_app_mb", "Peak RSS, library loaded: Interview Kit", "MB", ik_bench_median (app_peaks), NAN);
  figure->note = g_strdup ("VmHWM once the process has been idle for a second");
  add_figure (bench, "rss_minimal_mb", "Peak RSS: minimal window", "MB", ik_bench_median (minimal_peaks), NAN);
  add_figure (bench, "rss_delta_mb", "Peak RSS above the minimal window", "MB",
              ik_bench_median (app_peaks) - ik_bench_median (minimal_peaks), TARGET_RSS_DELTA_MB);
}

/* ---- Report ------------------------------------------------------------- */

static char *
format_value (double      value,
              const char *unit)
{
  if (isnan (value))
    return g_strdup ("n/a");
  if (g_str_equal (unit, "x"))
    return g_strdup_printf ("%.2f x", value);
  return g_strdup_printf (value < 10 ? "%.2f %s" : "%.1f %s", value, unit);
}

static void
print_table (Bench *bench)
{
  guint failed = 0;

  g_print ("\nInterview Kit benchmark: %u banks x %u questions, %u sessions, "
           "median of %u runs\n",
           bench->sizes.n_banks, bench->sizes.n_questions, bench->sizes.n_sessions, bench->runs);
  g_print ("Library: %.1f MB of banks, %.1f MB of sessions, %u questions and %u sessions loaded\n\n",
           bench->info.bytes_banks / 1048576.0, bench->info.bytes_sessions / 1048576.0,
           bench->n_questions_loaded, bench->n_sessions_loaded);
  g_print ("%-44s %14s %12s  %s\n", "Figure", "Value", "Target", "Result");
  g_print ("%-44s %14s %12s  %s\n", "------", "-----", "------", "------");
  for (guint i = 0; i < bench->figures->len; i++)
    {
      Figure *figure = &g_array_index (bench->figures, Figure, i);
      g_autofree char *value = format_value (figure->value, figure->unit);
      g_autofree char *target = NULL;
      const char *result;

      if (!isnan (figure->target))
        {
          g_autofree char *limit = format_value (figure->target, figure->unit);

          target = g_strconcat ("<= ", limit, NULL);
        }
      if (isnan (figure->value))
        result = "n/a —";
      else if (isnan (figure->target))
        result = "";
      else
        result = figure_passes (figure) ? "pass" : "FAIL";
      if (!figure_passes (figure))
        failed++;

      g_print ("%-44s %14s %12s  %s", figure->label, value, target != NULL ? target : "", result);
      if (figure->note != NULL)
        g_print ("%s(%s)", result[0] != '\0' ? " " : "", figure->note);
      g_print ("\n");
    }
  g_print ("\n%u targets missed\n", failed);
}

static char *
current_commit (void)
{
  const char *argv[] = { "git", "-C", TOP_SRCDIR, "rev-parse", "HEAD", NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strstrip (g_steal_pointer (&out));
}

static gboolean
write_json (Bench   *bench,
            GError **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format_iso8601 (now);
  g_autofree char *commit = current_commit ();
  g_autofree char *data = NULL;
  g_autofree char *dir = g_path_get_dirname (bench->output);
  gboolean all_met = TRUE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "benchmark");
  json_builder_add_string_value (b, "interview-kit");
  json_builder_set_member_name (b, "commit");
  if (commit != NULL)
    json_builder_add_string_value (b, commit);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "cpus");
  json_builder_add_int_value (b, g_get_num_processors ());
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "banks");
  json_builder_add_int_value (b, bench->sizes.n_banks);
  json_builder_set_member_name (b, "questions_per_bank");
  json_builder_add_int_value (b, bench->sizes.n_questions);
  json_builder_set_member_name (b, "sessions");
  json_builder_add_int_value (b, bench->sizes.n_sessions);
  json_builder_set_member_name (b, "runs");
  json_builder_add_int_value (b, bench->runs);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, BENCH_SEED);
  json_builder_set_member_name (b, "bank_bytes");
  json_builder_add_int_value (b, bench->info.bytes_banks);
  json_builder_set_member_name (b, "session_bytes");
  json_builder_add_int_value (b, bench->info.bytes_sessions);
  json_builder_set_member_name (b, "notes_bytes");
  json_builder_add_int_value (b, bench->info.bytes_notes);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "figures");
  json_builder_begin_object (b);
  for (guint i = 0; i < bench->figures->len; i++)
    {
      Figure *figure = &g_array_index (bench->figures, Figure, i);

      json_builder_set_member_name (b, figure->key);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, figure->label);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, figure->unit);
      json_builder_set_member_name (b, "value");
      if (isnan (figure->value))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, round (figure->value * 1000.0) / 1000.0);
      json_builder_set_member_name (b, "target");
      if (isnan (figure->target))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, figure->target);
      json_builder_set_member_name (b, "pass");
      if (isnan (figure->target))
        json_builder_add_null_value (b);
      else
        json_builder_add_boolean_value (b, figure_passes (figure));
      if (figure->note != NULL)
        {
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, figure->note);
        }
      json_builder_end_object (b);
      all_met = all_met && figure_passes (figure);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "all_targets_met");
  json_builder_add_boolean_value (b, all_met);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents (bench->output, data, -1, error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* ---- main --------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autofree char *load_only = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *data_home = NULL;
  gint n_banks = 50, n_questions = 200, n_sessions = 2000, runs = 5;
  gboolean keep = FALSE, check = FALSE, large_inputs_only = FALSE;
  gint64 start;
  Bench bench = { { 0, }, };
  GOptionEntry entries[] = {
    { "banks", 0, 0, G_OPTION_ARG_INT, &n_banks, "Banks in the library (50)", "N" },
    { "questions", 0, 0, G_OPTION_ARG_INT, &n_questions, "Questions in each bank (200)", "N" },
    { "sessions", 0, 0, G_OPTION_ARG_INT, &n_sessions, "Interview sessions (2000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement; figures are medians (5)", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &bench.output, "Where to write the JSON results", "FILE" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &bench.app, "The interview-kit executable", "PATH" },
    { "minimal", 0, 0, G_OPTION_ARG_FILENAME, &bench.minimal, "The minimal window program", "PATH" },
    { "tmpdir", 0, 0, G_OPTION_ARG_FILENAME, &parent, "Where to create the temporary library", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary library", NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "Exit with status 2 when a target is missed", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &bench.verbose, "Show the output of the programs measured", NULL },
    { "large-inputs-only", 0, 0, G_OPTION_ARG_NONE, &large_inputs_only,
      "Only the PDF export and guide import of large inputs", NULL },
    { "load-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &load_only, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- measure Interview Kit on a big synthetic library");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ik-bench: %s\n", error->message);
      return 1;
    }
  if (load_only != NULL)
    return run_load_only (load_only);

  if (n_banks < 1 || n_questions < 1 || n_questions > IK_BANK_MAX_ITEMS || n_sessions < 0 || runs < 1)
    {
      g_printerr ("ik-bench: --banks, --questions (up to %d) and --runs must be at least 1, "
                  "--sessions at least 0\n", IK_BANK_MAX_ITEMS);
      return 1;
    }
  bench.sizes.n_banks = n_banks;
  bench.sizes.n_questions = n_questions;
  bench.sizes.n_sessions = n_sessions;
  bench.runs = runs;
  bench.figures = g_array_new (FALSE, TRUE, sizeof (Figure));
  g_array_set_clear_func (bench.figures, figure_clear);
  if (bench.output == NULL)
    bench.output = g_strdup (TOP_BUILDDIR "/bench-results.json");
  if (bench.app == NULL)
    bench.app = g_strdup (TOP_BUILDDIR "/src/interview-kit");
  if (bench.minimal == NULL)
    bench.minimal = g_strdup (TOP_BUILDDIR "/tests/bench/ik-bench-minimal-window");
  bench.self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (bench.self_exe == NULL)
    bench.self_exe = g_strdup (argv[0]);

  if (large_inputs_only)
    {
      g_printerr ("ik-bench: large inputs\n");
      bench_large_inputs (&bench);
      print_table (&bench);
      if (!write_json (&bench, &error))
        g_printerr ("ik-bench: could not write %s: %s\n", bench.output, error->message);
      g_array_unref (bench.figures);
      g_free (bench.output);
      g_free (bench.app);
      g_free (bench.minimal);
      g_free (bench.self_exe);
      return 0;
    }

  if (parent != NULL)
    {
      g_autofree char *template = g_build_filename (parent, "ik-bench-XXXXXX", NULL);

      bench.root = g_mkdtemp (g_steal_pointer (&template));
    }
  else
    bench.root = g_dir_make_tmp ("ik-bench-XXXXXX", &error);
  if (bench.root == NULL)
    {
      g_printerr ("ik-bench: no temporary folder: %s\n",
                  error != NULL ? error->message : g_strerror (errno));
      return 1;
    }
  data_home = g_build_filename (bench.root, "data", NULL);
  bench.library_dir = g_build_filename (data_home, APP_ID, NULL);

  g_printerr ("ik-bench: writing %u banks x %u questions and %u sessions into %s\n",
              n_banks, n_questions, n_sessions, bench.library_dir);
  start = g_get_monotonic_time ();
  if (!ik_bench_generate_library (bench.library_dir, &bench.sizes, BENCH_SEED, &bench.info, &error))
    {
      g_printerr ("ik-bench: could not write the library: %s\n", error->message);
      remove_tree (bench.root);
      return 1;
    }
  g_printerr ("ik-bench: written in %.1f s\n", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_printerr ("ik-bench: library load\n");
  bench_load (&bench);
  bench_load_stages (&bench);

  /* The in-process figures work on one library loaded here. */
  library = load_library (bench.library_dir, &error);
  if (library == NULL)
    {
      g_printerr ("ik-bench: could not load the library: %s\n", error->message);
      remove_tree (bench.root);
      return 1;
    }
  bench.n_questions_loaded = count_questions (library);
  bench.n_sessions_loaded = g_list_model_get_n_items (ik_library_get_sessions (library));

  g_printerr ("ik-bench: search\n");
  bench_search (&bench, library);
  g_printerr ("ik-bench: autosave\n");
  bench_autosave (&bench, library);
  g_printerr ("ik-bench: exports\n");
  bench_exports (&bench, library);
  g_clear_object (&library);
  g_printerr ("ik-bench: large inputs\n");
  bench_large_inputs (&bench);

  g_printerr ("ik-bench: start-up\n");
  bench_startup (&bench);
  g_printerr ("ik-bench: memory\n");
  bench_memory (&bench);

  print_table (&bench);
  if (!write_json (&bench, &error))
    g_printerr ("ik-bench: could not write %s: %s\n", bench.output, error->message);
  else
    g_print ("Results written to %s\n", bench.output);

  if (keep)
    g_print ("Library kept in %s\n", bench.library_dir);
  else
    remove_tree (bench.root);

  {
    gboolean all_met = TRUE;

    for (guint i = 0; i < bench.figures->len; i++)
      all_met = all_met && figure_passes (&g_array_index (bench.figures, Figure, i));

    g_array_unref (bench.figures);
    g_free (bench.output);
    g_free (bench.app);
    g_free (bench.minimal);
    g_free (bench.self_exe);
    g_free (bench.root);
    g_free (bench.library_dir);
    return check && !all_met ? 2 : 0;
  }
}
