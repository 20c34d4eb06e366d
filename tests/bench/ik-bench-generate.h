/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-bench-generate.h: a synthetic library for the benchmarks, built with
 * the model API and written the way the store lays it out. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * IkBenchSizes:
 * @n_banks: how many banks to write
 * @n_questions: questions in each bank
 * @n_sessions: interview sessions, spread over the banks
 *
 * The size of a synthetic library.
 */
typedef struct
{
  guint n_banks;
  guint n_questions;
  guint n_sessions;
} IkBenchSizes;

/**
 * IkBenchLibraryInfo:
 * @bytes_banks: total size of the bank files
 * @bytes_sessions: total size of the session files
 * @bytes_notes: total length of the notes typed into the sessions
 *
 * What ik_bench_generate_library() wrote.
 */
typedef struct
{
  guint64 bytes_banks;
  guint64 bytes_sessions;
  guint64 bytes_notes;
} IkBenchLibraryInfo;

gboolean ik_bench_generate_library (const char          *dir,
                                    const IkBenchSizes  *sizes,
                                    guint32              seed,
                                    IkBenchLibraryInfo  *info,
                                    GError             **error);
char     *ik_bench_generate_notes   (guint32              seed,
                                    gsize                length);
char     *ik_bench_generate_guide   (guint32              seed,
                                    gsize                length,
                                    gsize                long_item);

G_END_DECLS
