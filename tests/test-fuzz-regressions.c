/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-fuzz-regressions.c: every input a fuzz target once failed on
 * (tests/fuzz/regressions/<target>/), and the fixtures its corpus is seeded
 * from, through the target's own entry point (tests/fuzz/fuzz-<target>.c).
 * The targets assert what must hold, so an input that crashes, trips a
 * sanitizer or breaks an assertion fails here, with any compiler. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "ik-fuzz.h"

typedef int (*FuzzFunc) (const uint8_t *data, size_t size);

int ik_fuzz_json (const uint8_t *data, size_t size);
int ik_fuzz_bank (const uint8_t *data, size_t size);
int ik_fuzz_session (const uint8_t *data, size_t size);
int ik_fuzz_plan (const uint8_t *data, size_t size);
int ik_fuzz_team (const uint8_t *data, size_t size);
int ik_fuzz_guide (const uint8_t *data, size_t size);
int ik_fuzz_markdown (const uint8_t *data, size_t size);

typedef struct
{
  const char *name;
  FuzzFunc    func;
  /* Folders (from the top of the tree) of fixtures in its seed corpus. */
  const char *seeds[3];
} Target;

static const Target targets[] = {
  { "json", ik_fuzz_json, { "tests/fixtures/jsontestsuite", "resources/banks", NULL } },
  { "bank", ik_fuzz_bank, { "resources/banks", NULL } },
  { "session", ik_fuzz_session, { NULL } },
  { "plan", ik_fuzz_plan, { NULL } },
  { "team", ik_fuzz_team, { NULL } },
  { "guide", ik_fuzz_guide, { "tests/fixtures/guides", "tests/fixtures/cli", NULL } },
  { "markdown", ik_fuzz_markdown, { NULL } },
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Runs every file of @dir through @target; returns how many. */
static guint
run_dir (const Target *target,
         const char   *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      g_autofree guint8 *exact = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);
      /* In a block of its exact size, as libFuzzer passes it: the NUL
       * g_file_get_contents() adds would hide a read past the end. */
      exact = g_memdup2 (data, length);
      g_test_message ("%s: %s", target->name, path);
      g_assert_cmpint (target->func (exact, length), ==, 0);
    }
  return names->len;
}

static void
test_target (gconstpointer data)
{
  const Target *target = data;
  g_autofree char *regressions = g_build_filename (TEST_SRCDIR, "fuzz", "regressions", target->name, NULL);
  guint n = run_dir (target, regressions);

  for (guint i = 0; i < G_N_ELEMENTS (target->seeds) && target->seeds[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (TOP_SRCDIR, target->seeds[i], NULL);

      n += run_dir (target, dir);
    }
  /* The empty input, which every reader must refuse calmly. */
  g_assert_cmpint (target->func ((const uint8_t *) "", 0), ==, 0);
  g_test_message ("%s: %u inputs", target->name, n);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz-regressions/%s", targets[i].name);

      g_test_add_data_func (path, &targets[i], test_target);
    }
  return g_test_run ();
}
