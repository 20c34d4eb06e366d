/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the three-way merge the store uses when two programs changed one
 * file. */
#include <string.h>

#include "ik-json.h"
#include "ik-merge.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = ik_json_parse (text, strlen (text), NULL, NULL, &error);

  g_assert_no_error (error);
  return node;
}

/* Merges and compares with @expected (NULL: a conflict). */
static void
assert_merge (const char *base,
              const char *ours,
              const char *theirs,
              gboolean    prefer_ours,
              const char *expected,
              const char *conflict)
{
  g_autoptr(JsonNode) b = base != NULL ? parse (base) : NULL;
  g_autoptr(JsonNode) o = parse (ours);
  g_autoptr(JsonNode) t = parse (theirs);
  g_autofree char *where = NULL;
  g_autoptr(JsonNode) merged = ik_json_merge3 (b, o, t, prefer_ours, &where);

  if (expected == NULL)
    g_assert_null (merged);
  else
    {
      g_autoptr(JsonNode) e = parse (expected);

      g_assert_nonnull (merged);
      if (!json_node_equal (merged, e))
        {
          g_autofree char *text = json_to_string (merged, FALSE);

          g_error ("merged %s, expected %s", text, expected);
        }
    }
  g_assert_cmpstr (where, ==, conflict);
}

static void
test_different_members (void)
{
  assert_merge ("{\"a\": 1, \"b\": 1}", "{\"a\": 2, \"b\": 1}", "{\"a\": 1, \"b\": 3}", FALSE,
                "{\"a\": 2, \"b\": 3}", NULL);
  /* Nested, and a member only one side added. */
  assert_merge ("{\"r\": {\"n\": \"x\", \"m\": \"y\"}}",
                "{\"r\": {\"n\": \"ours\", \"m\": \"y\"}, \"new\": true}",
                "{\"r\": {\"n\": \"x\", \"m\": \"theirs\"}}", FALSE,
                "{\"r\": {\"n\": \"ours\", \"m\": \"theirs\"}, \"new\": true}", NULL);
  /* One side removed a member the other left alone. */
  assert_merge ("{\"a\": 1, \"b\": 2}", "{\"a\": 1}", "{\"a\": 5, \"b\": 2}", FALSE,
                "{\"a\": 5}", NULL);
}

static void
test_same_member (void)
{
  assert_merge ("{\"r\": [{\"notes\": \"x\"}]}", "{\"r\": [{\"notes\": \"ours\"}]}",
                "{\"r\": [{\"notes\": \"theirs\"}]}", FALSE, NULL, "r[0].notes");
  /* Preferring ours keeps every other change of theirs. */
  assert_merge ("{\"r\": [{\"notes\": \"x\"}, {\"notes\": \"y\"}]}",
                "{\"r\": [{\"notes\": \"ours\"}, {\"notes\": \"y\"}]}",
                "{\"r\": [{\"notes\": \"theirs\"}, {\"notes\": \"theirs too\"}]}", TRUE,
                "{\"r\": [{\"notes\": \"ours\"}, {\"notes\": \"theirs too\"}]}", "r[0].notes");
  /* Without a base nothing tells who changed what. */
  assert_merge (NULL, "{\"a\": 1}", "{\"a\": 2}", FALSE, NULL, "a");
  assert_merge (NULL, "{\"a\": 1}", "{\"a\": 1, \"b\": 2}", FALSE, NULL, "b");
  /* Deleted on one side, changed on the other. */
  assert_merge ("{\"a\": 1, \"b\": 2}", "{\"a\": 1}", "{\"a\": 1, \"b\": 3}", FALSE, NULL, "b");
}

static void
test_arrays_by_id (void)
{
  /* A question added on one side, another edited on the other. */
  assert_merge ("{\"q\": [{\"id\": \"a\", \"t\": 1}, {\"id\": \"b\", \"t\": 1}]}",
                "{\"q\": [{\"id\": \"a\", \"t\": 2}, {\"id\": \"b\", \"t\": 1}]}",
                "{\"q\": [{\"id\": \"a\", \"t\": 1}, {\"id\": \"b\", \"t\": 1}, {\"id\": \"c\", \"t\": 1}]}", FALSE,
                "{\"q\": [{\"id\": \"a\", \"t\": 2}, {\"id\": \"b\", \"t\": 1}, {\"id\": \"c\", \"t\": 1}]}", NULL);
  /* Removed on one side, untouched on the other. */
  assert_merge ("{\"q\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}", "{\"q\": [{\"id\": \"b\"}]}",
                "{\"q\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]}", FALSE,
                "{\"q\": [{\"id\": \"b\"}, {\"id\": \"c\"}]}", NULL);
  /* Removed on one side, edited on the other. */
  assert_merge ("{\"q\": [{\"id\": \"a\", \"t\": 1}]}", "{\"q\": []}",
                "{\"q\": [{\"id\": \"a\", \"t\": 2}]}", FALSE, NULL, "q");
  /* Strings of different lengths are one value. */
  assert_merge ("{\"s\": [\"x\"]}", "{\"s\": [\"x\", \"y\"]}", "{\"s\": [\"z\"]}", FALSE, NULL, "s");
}

static void
test_bookkeeping (void)
{
  assert_merge ("{\"revision\": 3, \"modified\": \"2026-01-01T00:00:00+00:00\", \"a\": 1, \"b\": 1}",
                "{\"revision\": 5, \"modified\": \"2026-01-03T00:00:00+00:00\", \"a\": 2, \"b\": 1}",
                "{\"revision\": 4, \"modified\": \"2026-01-02T00:00:00+00:00\", \"a\": 1, \"b\": 2}", FALSE,
                "{\"revision\": 5, \"modified\": \"2026-01-03T00:00:00+00:00\", \"a\": 2, \"b\": 2}", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/merge/different-members", test_different_members);
  g_test_add_func ("/merge/same-member", test_same_member);
  g_test_add_func ("/merge/arrays-by-id", test_arrays_by_id);
  g_test_add_func ("/merge/bookkeeping", test_bookkeeping);

  return g_test_run ();
}
