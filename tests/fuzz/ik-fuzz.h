/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-fuzz.h: what every fuzz target shares.
 *
 * Each target defines its entry point with IK_FUZZ_TARGET (name). Built
 * with -Dfuzzing=true (clang) it is libFuzzer's LLVMFuzzerTestOneInput;
 * built for the fuzz-regressions test (any compiler) it is
 * ik_fuzz_<name>, so that the inputs which once crashed a target keep
 * running through the same code without clang.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "ik-bank.h"
#include "ik-session.h"

G_BEGIN_DECLS

#ifdef IK_FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);
# define IK_FUZZ_TARGET(name) \
  int \
  LLVMFuzzerInitialize (int *argc, char ***argv) \
  { \
    ik_fuzz_init (); \
    return 0; \
  } \
  int \
  LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
#else
# define IK_FUZZ_TARGET(name) \
  int ik_fuzz_##name (const uint8_t *data, size_t size); \
  int \
  ik_fuzz_##name (const uint8_t *data, size_t size)
#endif

/* Criticals and warnings abort (a failed g_return_if_fail is a finding),
 * debug messages are dropped. */
void ik_fuzz_init (void);

/* A private directory under $TMPDIR for targets whose reader takes files;
 * removed at exit. */
const char *ik_fuzz_tmpdir (void);

/* Writes @size bytes to @path (replacing it). */
void ik_fuzz_write_file (const char    *path,
                         const uint8_t *data,
                         size_t         size);

/* Asserts that what was read saves: it writes, and the bytes pass the
 * check run before every save (ik-document.h). One of @bank, @session. */
void ik_fuzz_assert_saves (IkBank    *bank,
                           IkSession *session);

G_END_DECLS
