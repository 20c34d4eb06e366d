/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bench-util.c: what the benchmarks of tests/bench share. */
#include "ik-bench-util.h"

#include <math.h>
#include <string.h>
#include <time.h>

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of an array of double, NAN when it is empty. */
double
ik_bench_median (GArray *samples)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = samples->len;

  if (n == 0)
    return NAN;
  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2.0;
}

static double
extreme (GArray   *samples,
         gboolean  largest)
{
  double found = NAN;

  for (guint i = 0; i < samples->len; i++)
    {
      double value = g_array_index (samples, double, i);

      if (isnan (found) || (largest ? value > found : value < found))
        found = value;
    }
  return found;
}

double
ik_bench_max (GArray *samples)
{
  return extreme (samples, TRUE);
}

double
ik_bench_min (GArray *samples)
{
  return extreme (samples, FALSE);
}

/* CPU time of the calling thread, in microseconds: unlike the wall clock it
 * does not count the time other processes of a busy machine take. */
gint64
ik_bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

/* A field of /proc/<pid>/status in kB ("VmRSS:", "VmHWM:"), or -1;
 * @pid may be "self". */
gint64
ik_bench_status_kb (const char *pid,
                    const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  line = strstr (contents, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}
