/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ik-library.h"
/* The tests use the store's hooks. */
#include "ik-file-store-private.h"
#include "ik-library-private.h"

G_BEGIN_DECLS

/* Validates the JSON file at json_path against data/schemas/<schema_name>
 * with an independent validator (python3-jsonschema). Fails the test with
 * the validator's message when the file does not conform. */
void   ik_test_assert_schema_valid (const char *schema_name,
                                    const char *json_path);

/* Same for a buffer in memory. */
void   ik_test_assert_schema_valid_data (const char *schema_name,
                                         const char *data,
                                         gssize      length);

/* Path of a file below tests/fixtures/ in the source tree. */
char  *ik_test_fixture_path (const char *relative);

/* Reads a fixture into memory; fails the test when it cannot. */
char  *ik_test_read_fixture (const char *relative,
                             gsize      *length);

/* Creates a fresh temporary directory for one test; it is removed
 * recursively by ik_test_rm_rf(). */
char  *ik_test_make_tmpdir (void);
void   ik_test_rm_rf (const char *path);

/* ik_json_to_data() of @root (transfer full); fails the test on error. */
char  *ik_test_to_data (JsonNode *root);

/* TRUE in @percent cases out of 100. */
gboolean ik_test_rand_chance (GRand *rand,
                              guint  percent);

/* Returns the st_mode & 0777 of a path, or -1. */
int    ik_test_file_mode (const char *path);

/* A library of dir, loaded (iterating the default main context until it
 * is; a load error fails the test), with the autosave delay at
 * autosave_ms (G_MAXINT: only flushes write). */
IkLibrary *ik_test_load_library (const char *dir,
                                 guint       autosave_ms);

/* The bank shipped with the app (ai-system-security-design), read from
 * the source tree; fails the test when it cannot be read. */
IkBank *ik_test_load_bundled_bank (void);

/* @session as its file reads after someone changed, by hand, the rating
 * of @competency_id (NULL: the first rating) to @rating: a new session
 * read from the edited document (transfer full). A submitted scorecard
 * comes back altered. */
IkSession *ik_test_session_edited_by_hand (IkSession  *session,
                                           const char *competency_id,
                                           int         rating);

/* The number of entries of a folder (temporary files included). */
guint  ik_test_count_entries (const char *dir);

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **)
 * user_data; ik_test_wait_result iterates the default main context until
 * it is there and returns it (transfer full), for the test to _finish. */
void          ik_test_store_result (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      user_data);
GAsyncResult *ik_test_wait_result  (GAsyncResult **slot);

/* Ids that must never become a file name, as the contents of a JSON string
 * (escapes included): empty, dots, slashes, a NUL, spaces, non-ASCII, one
 * character too long. NULL-terminated. */
extern const char * const ik_test_hostile_ids[];

/* @text decomposed, without combining marks, case-folded ("MÅRGARET" is
 * "margaret"): to scan an export for a name whatever its spelling. */
char  *ik_test_fold_text (const char *text);

/* A submitted session with a rating, so that it can be published. */
IkSession *ik_test_make_submitted_session (const char *name,
                                           const char *candidate_id,
                                           const char *note);

/* Every regular file under each of @dirs (NULL-terminated), read whole:
 * path -> contents (GBytes). */
GHashTable *ik_test_snapshot_files (const char * const *dirs);
/* Whether @bytes hold @needle anywhere, ASCII case ignored. */
gboolean    ik_test_bytes_contain  (GBytes             *bytes,
                                    const char         *needle);
/* The first path of @files (from ik_test_snapshot_files()) whose name or
 * bytes hold one of @needles (NULL-terminated), or NULL. */
char       *ik_test_find_trace     (GHashTable         *files,
                                    const char * const *needles);

/* How the library load reads a document (ik_test_read_both_ways()). */
typedef enum
{
  IK_TEST_READ_FAST,        /* the fast reader took it */
  IK_TEST_READ_TREE_ONLY,   /* the fast reader gave up, the tree reader took it */
  IK_TEST_READ_NEITHER,     /* both refused it */
} IkTestReadWay;

/* Reads a bank or session document with the load's fast reader
 * (ik_bank_new_from_data(), ik_session_new_from_data()) and with
 * ik_json_parse() and the tree reader; aborts, showing where, unless
 * whatever the fast reader takes the tree reader takes too, to an object
 * that writes the same bytes. */
IkTestReadWay ik_test_read_both_ways (gboolean    session,
                                      const char *data,
                                      gsize       length);

void     ik_test_count_items_changed (GListModel *model,
                                      guint       position,
                                      guint       removed,
                                      guint       added,
                                      guint      *count);

G_END_DECLS
