/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bench-util.h: what the benchmarks of tests/bench share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double ik_bench_median        (GArray     *samples);
double ik_bench_max           (GArray     *samples);
double ik_bench_min           (GArray     *samples);
gint64 ik_bench_thread_cpu_us (void);
gint64 ik_bench_status_kb     (const char *pid,
                               const char *field);

G_END_DECLS
