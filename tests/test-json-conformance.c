/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Conformance of the one JSON grammar (ik-json-parser.c).
 *
 * /json-conformance/suite runs every parsing case of JSONTestSuite
 * (tests/fixtures/jsontestsuite, MIT licence there), each wrapped as
 * {"v": <case>} since our files are objects: every n_ case is refused with
 * a location, every y_ case is read (and written back to an equal tree)
 * except the documented refusals below, and no i_ case crashes.
 *
 * /json-conformance/same-as-json-glib checks that, for valid text, the tree
 * ik_json_parse() builds is the one json-glib's JsonParser builds: on the
 * repository's JSON fixtures, the bundled banks and generated documents. */
#include "config.h"

#include <string.h>

#include "ik-json.h"
#include "ik-test-util.h"

/* y_ cases we refuse on purpose, and why. Each must still be refused with
 * this reason, so the list stays true. */
static const struct
{
  const char *name;
  const char *reason;
} policy_refusals[] = {
  /* json-glib keeps only the last value: a member would be silently lost. */
  { "y_object_duplicated_key.json", "Duplicate member name" },
  { "y_object_duplicated_key_and_value.json", "Duplicate member name" },
  /* json-glib and C strings end at U+0000: the rest of the text would be
   * silently lost. */
  { "y_object_escaped_null_in_key.json", "NUL character" },
  { "y_string_null_escape.json", "NUL character" },
};

static const char *
policy_refusal (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_refusals); i++)
    if (g_str_equal (policy_refusals[i].name, name))
      return policy_refusals[i].reason;
  return NULL;
}

static char *
suite_dir (void)
{
  return ik_test_fixture_path ("jsontestsuite");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the cases, sorted, so that the output is stable. */
static GPtrArray *
list_cases (void)
{
  g_autofree char *dir_path = suite_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static GString *
read_wrapped (const char *name)
{
  g_autofree char *relative = g_build_filename ("jsontestsuite", name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  GString *wrapped = g_string_new ("{\"v\": ");

  data = ik_test_read_fixture (relative, &length);
  g_string_append_len (wrapped, data, length);
  g_string_append_c (wrapped, '}');
  return wrapped;
}

static void
test_suite (void)
{
  g_autoptr(GPtrArray) names = list_cases ();
  guint counts[3] = { 0, 0, 0 };
  guint refused_by_policy = 0;

  g_assert_cmpuint (names->len, >, 300);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GString) doc = read_wrapped (name);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      guint line = 0;
      guint column = 0;

      root = ik_json_parse (doc->str, doc->len, &line, &column, &error);
      g_assert_true ((root == NULL) == (error != NULL));

      switch (name[0])
        {
        case 'y':
          {
            const char *reason = policy_refusal (name);

            counts[0]++;
            if (reason != NULL)
              {
                if (root != NULL || strstr (error->message, reason) == NULL)
                  g_error ("%s: expected a refusal “%s”, got %s", name, reason,
                           error != NULL ? error->message : "a tree");
                g_assert_cmpuint (line, >, 0);
                refused_by_policy++;
                break;
              }
            if (root == NULL)
              g_error ("%s: valid JSON refused: %s", name, error->message);

            /* What is read is written back readable, to the same tree. */
            {
              g_autofree char *data = NULL;
              g_autoptr(JsonNode) again = NULL;

              data = ik_json_to_data (root, NULL, &error);
              g_assert_no_error (error);
              again = ik_json_parse (data, strlen (data), NULL, NULL, &error);
              g_assert_no_error (error);
              if (!json_node_equal (root, again))
                g_error ("%s: written back as a different tree:\n%s", name, data);
            }
          }
          break;

        case 'n':
          counts[1]++;
          if (root != NULL)
            g_error ("%s: invalid JSON accepted: %s", name, doc->str);
          if (line == 0 || column == 0)
            g_error ("%s: refused without a location: %s", name, error->message);
          g_assert_true (g_str_has_prefix (error->message, "Line "));
          break;

        case 'i':
          /* Either is fine; a refusal still says where. */
          counts[2]++;
          if (root == NULL && (line == 0 || column == 0))
            g_error ("%s: refused without a location: %s", name, error->message);
          g_test_message ("%s: %s", name, root != NULL ? "accepted" : error->message);
          break;

        default:
          g_error ("%s: not a JSONTestSuite case", name);
        }
    }

  g_test_message ("%u y_ (%u refused by policy), %u n_, %u i_ cases",
                  counts[0], refused_by_policy, counts[1], counts[2]);
  g_assert_cmpuint (counts[0], ==, 95);
  g_assert_cmpuint (counts[1], ==, 188);
  g_assert_cmpuint (counts[2], ==, 35);
  g_assert_cmpuint (refused_by_policy, ==, G_N_ELEMENTS (policy_refusals));
}

/* Same as json-glib ************************************************************/

/* A copy of @node as json-glib represents it: numbers we keep as text
 * become doubles. Sets *big_integer when one of them is an integer outside
 * int64, which json-glib 1.6 wraps silently (RELIABILITY.md): the two
 * cannot agree on those. */
static JsonNode *
as_json_glib (JsonNode *node,
              gboolean *big_integer)
{
  const char *number = ik_json_node_get_number_text (node);

  if (number != NULL)
    {
      if (strpbrk (number, ".eE") == NULL)
        *big_integer = TRUE;
      return json_node_init_double (json_node_alloc (), g_ascii_strtod (number, NULL));
    }

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        g_autoptr(JsonObject) copy = json_object_new ();

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (copy, name, as_json_glib (member, big_integer));
        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_new ();

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, as_json_glib (json_array_get_element (array, i), big_integer));
        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Member order matters too: json_node_equal() ignores it, and the files
 * keep it. */
static gboolean
same_order (JsonNode *a,
            JsonNode *b)
{
  if (JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
    {
      JsonObjectIter ia, ib;
      const char *na, *nb;
      JsonNode *ma, *mb;

      json_object_iter_init_ordered (&ia, json_node_get_object (a));
      json_object_iter_init_ordered (&ib, json_node_get_object (b));
      while (json_object_iter_next_ordered (&ia, &na, &ma))
        {
          if (!json_object_iter_next_ordered (&ib, &nb, &mb) || !g_str_equal (na, nb)
              || !same_order (ma, mb))
            return FALSE;
        }
      return !json_object_iter_next_ordered (&ib, &nb, &mb);
    }
  if (JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *aa = json_node_get_array (a);
      JsonArray *ab = json_node_get_array (b);

      for (guint i = 0; i < json_array_get_length (aa) && i < json_array_get_length (ab); i++)
        if (!same_order (json_array_get_element (aa, i), json_array_get_element (ab, i)))
          return FALSE;
    }
  return TRUE;
}

typedef enum
{
  COMPARED,
  SKIPPED_BIG_INTEGER,
  REFUSED_BY_US,
} Comparison;

/* Parses valid text @data with both parsers and asserts the same tree. */
static Comparison
assert_same_as_json_glib (const char *what,
                          const char *data,
                          gsize       length)
{
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) converted = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gboolean big_integer = FALSE;
  gsize skip = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  ours = ik_json_parse (data, length, NULL, NULL, &error);
  if (ours == NULL)
    return REFUSED_BY_US;

  if (!json_parser_load_from_data (parser, data + skip, length - skip, &error))
    g_error ("%s: json-glib refuses what we read: %s", what, error->message);

  converted = as_json_glib (ours, &big_integer);
  if (big_integer)
    return SKIPPED_BIG_INTEGER;
  if (!json_node_equal (converted, json_parser_get_root (parser))
      || !same_order (converted, json_parser_get_root (parser)))
    g_error ("%s: json-glib reads a different tree", what);
  return COMPARED;
}

static void
collect_fixtures (const char *dir_path,
                  GPtrArray  *paths)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_fixtures (path, paths);
      else if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static void
test_fixtures_same_as_json_glib (void)
{
  g_autofree char *fixtures = ik_test_fixture_path ("");
  g_autofree char *suite = suite_dir ();
  g_autofree char *banks = g_build_filename (TOP_SRCDIR, "resources", "banks", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint compared = 0;
  guint skipped = 0;
  guint banks_compared = 0;

  collect_fixtures (fixtures, paths);
  collect_fixtures (banks, paths);
  g_assert_cmpuint (paths->len, >, 300);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *name = g_path_get_basename (path);
      Comparison result;

      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);

      if (g_str_equal (dir, suite))
        {
          g_autoptr(GString) wrapped = NULL;

          /* Only the valid cases: what json-glib does with the rest is
           * its own business (it accepts some, and crashes on others). */
          if (name[0] != 'y')
            continue;
          wrapped = read_wrapped (name);
          result = assert_same_as_json_glib (path, wrapped->str, wrapped->len);
          g_assert_true (result != REFUSED_BY_US || policy_refusal (name) != NULL);
        }
      else
        {
          result = assert_same_as_json_glib (path, data, length);
          if (result == REFUSED_BY_US)
            g_error ("%s: a fixture we cannot read", path);
          if (g_str_has_prefix (path, banks))
            banks_compared++;
        }
      if (result == COMPARED)
        compared++;
      else if (result == SKIPPED_BIG_INTEGER)
        {
          g_test_message ("%s: an integer outside int64, which json-glib wraps", path);
          skipped++;
        }
    }

  g_test_message ("%u documents compared, %u skipped", compared, skipped);
  g_assert_cmpuint (banks_compared, >=, 1);
  g_assert_cmpuint (skipped, <=, 5);
  g_assert_cmpuint (compared, >=, 85);
}

/* Generated documents ***********************************************************/

static void
random_string (GRand   *rand,
               GString *out)
{
  static const gunichar specials[] = {
    '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0x01, 0x1F, 0x7F, 0x80, 0xE9, 0x2028,
    0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, '<', '>', ' ',
  };
  guint n = g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < n; i++)
    {
      if (g_rand_boolean (rand))
        g_string_append_c (out, (char) g_rand_int_range (rand, 'a', 'z' + 1));
      else
        g_string_append_unichar (out, specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))]);
    }
}

static JsonNode *
random_number (GRand *rand)
{
  static const char * const texts[] = {
    "1.5", "-0.0", "1e300", "1E-8", "0.1", "-2.5e+3", "123456.789", "1e22",
  };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return json_node_init_int (json_node_alloc (),
                                 (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand)));
    case 1:
      return json_node_init_int (json_node_alloc (), g_rand_int_range (rand, -1000, 1000));
    case 2:
      return ik_json_node_new_number_text (texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
    default:
      /* Shortest text that reads back to the same double, with a
       * fraction so that it is not an integer. */
      g_ascii_formatd (buffer, sizeof buffer, "%.17g",
                       g_rand_double_range (rand, -1e6, 1e6));
      if (strpbrk (buffer, ".eE") == NULL)
        g_strlcat (buffer, ".5", sizeof buffer);
      return ik_json_node_new_number_text (buffer);
    }
}

static JsonNode *
random_node (GRand *rand,
             guint  depth)
{
  guint kind = g_rand_int_range (rand, 0, depth < 6 ? 8 : 6);

  switch (kind)
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_rand_boolean (rand));
    case 2:
    case 3:
      return random_number (rand);
    case 4:
    case 5:
      {
        g_autoptr(GString) s = g_string_new (NULL);

        random_string (rand, s);
        return json_node_init_string (json_node_alloc (), s->str);
      }
    case 6:
      {
        g_autoptr(JsonArray) array = json_array_new ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, random_node (rand, depth + 1));
        return json_node_init_array (json_node_alloc (), array);
      }
    default:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GString) name = g_string_new (NULL);

            random_string (rand, name);
            /* Names are unique in an object. */
            if (!json_object_has_member (object, name->str))
              json_object_set_member (object, name->str, random_node (rand, depth + 1));
          }
        return json_node_init_object (json_node_alloc (), object);
      }
    }
}

static void
test_generated_same_as_json_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GString) compact = g_string_new (NULL);
      g_autofree char *pretty = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *what = g_strdup_printf ("generated document %u", i);

      for (guint k = 0; k < 6; k++)
        json_object_set_member (object, k % 2 ? "b" : "a", random_node (rand, 1));
      json_object_set_member (object, "nested", random_node (rand, 1));
      root = json_node_init_object (json_node_alloc (), object);

      pretty = ik_json_to_data (root, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ik_json_write (compact, root, IK_JSON_WRITE_COMPACT, &error));
      g_assert_no_error (error);

      g_assert_cmpint (assert_same_as_json_glib (what, pretty, strlen (pretty)), ==, COMPARED);
      g_assert_cmpint (assert_same_as_json_glib (what, compact->str, compact->len), ==, COMPARED);

      /* And ours reads back exactly what was written, numbers included. */
      {
        g_autoptr(JsonNode) again = ik_json_parse (pretty, strlen (pretty), NULL, NULL, &error);

        g_assert_no_error (error);
        g_assert_true (json_node_equal (root, again));
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-conformance/suite", test_suite);
  g_test_add_func ("/json-conformance/same-as-json-glib/fixtures", test_fixtures_same_as_json_glib);
  g_test_add_func ("/json-conformance/same-as-json-glib/generated", test_generated_same_as_json_glib);

  return g_test_run ();
}
