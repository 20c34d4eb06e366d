/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ik-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ik-bank.h"
#include "ik-json.h"
#include "ik-session.h"

static const char validator_script[] =
  "import json, sys\n"
  "import jsonschema\n"
  "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
  "doc = json.load(open(sys.argv[2], encoding='utf-8'))\n"
  "cls = jsonschema.validators.validator_for(schema)\n"
  "cls.check_schema(schema)\n"
  "errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))\n"
  "for e in errors:\n"
  "    print('/'.join(str(p) for p in e.path) + ': ' + e.message)\n"
  "sys.exit(1 if errors else 0)\n";

void
ik_test_assert_schema_valid (const char *schema_name,
                             const char *json_path)
{
  g_autofree char *schema_path = g_build_filename (TOP_SRCDIR, "data", "schemas", schema_name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  /* The distribution's interpreter is the one python3-jsonschema serves; a
   * python3 earlier on PATH (pyenv, a venv) may not have the module. */
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  const char *argv[] = { python, "-c", validator_script, schema_path, json_path, NULL };

  g_assert_true (g_file_test (schema_path, G_FILE_TEST_IS_REGULAR));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s does not conform to %s:\n%s%s", json_path, schema_name, out, err);
}

void
ik_test_assert_schema_valid_data (const char *schema_name,
                                  const char *data,
                                  gssize      length)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "doc.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  ik_test_assert_schema_valid (schema_name, path);
  ik_test_rm_rf (dir);
}

char *
ik_test_fixture_path (const char *relative)
{
  return g_build_filename (TEST_SRCDIR, "fixtures", relative, NULL);
}

char *
ik_test_read_fixture (const char *relative,
                      gsize      *length)
{
  g_autofree char *path = ik_test_fixture_path (relative);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

char *
ik_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ik-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
ik_test_rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      /* Make sure a test that removed write permission can clean up. */
      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          ik_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

int
ik_test_file_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_mode & 0777;
}

static void
load_library_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  ik_library_load_finish (IK_LIBRARY (source), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

IkLibrary *
ik_test_load_library (const char *dir,
                      guint       autosave_ms)
{
  IkLibrary *library = ik_library_new (dir);
  gboolean done = FALSE;

  ik_library_set_autosave_delay (library, autosave_ms);
  ik_library_load_async (library, NULL, load_library_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return library;
}

char *
ik_test_to_data (JsonNode *root)
{
  g_autoptr(JsonNode) owned = root;
  g_autoptr(GError) error = NULL;
  char *data = ik_json_to_data (owned, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

gboolean
ik_test_rand_chance (GRand *rand,
                     guint  percent)
{
  return g_rand_int_range (rand, 0, 100) < (gint32) percent;
}

IkBank *
ik_test_load_bundled_bank (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "resources", "banks", "ai-system-security-design.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  IkBank *bank;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  root = ik_json_parse (contents, length, NULL, NULL, &error);
  g_assert_no_error (error);
  bank = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  return bank;
}

guint
ik_test_count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

void
ik_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
ik_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (slot);
}

IkSession *
ik_test_session_edited_by_hand (IkSession  *session,
                                const char *competency_id,
                                int         rating)
{
  g_autoptr(JsonNode) root = ik_session_to_json (session);
  g_autoptr(GError) error = NULL;
  JsonObject *scorecard = json_object_get_object_member (json_node_get_object (root), "scorecard");
  JsonArray *ratings = json_object_get_array_member (scorecard, "ratings");
  IkSession *edited;
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (ratings) && !found; i++)
    {
      JsonObject *member = json_array_get_object_element (ratings, i);

      if (competency_id == NULL
          || g_strcmp0 (json_object_get_string_member (member, "competency_id"), competency_id) == 0)
        {
          json_object_set_int_member (member, "rating", rating);
          found = TRUE;
        }
    }
  g_assert_true (found);
  edited = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  return edited;
}

char *
ik_test_fold_text (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  g_assert_nonnull (nfd);
  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_ismark (g_utf8_get_char (p)))
      g_string_append_unichar (bare, g_utf8_get_char (p));
  return g_utf8_casefold (bare->str, -1);
}

const char * const ik_test_hostile_ids[] = {
  "",
  ".",
  "..",
  "../../etc",
  "..\\/..\\/etc",
  "/etc/passwd",
  "a/b",
  "a\\\\b",
  "a\\u0000b",
  "a b",
  "caf\\u00e9",
  "x\\n",
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  NULL
};

static void
snapshot_dir (const char *dir,
              GHashTable *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *data = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        snapshot_dir (path, files);
      else if (g_file_get_contents (path, &data, &len, NULL))
        g_hash_table_insert (files, g_steal_pointer (&path), g_bytes_new_take (data, len));
    }
}

GHashTable *
ik_test_snapshot_files (const char * const *dirs)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; dirs[i] != NULL; i++)
    snapshot_dir (dirs[i], files);
  return files;
}

gboolean
ik_test_bytes_contain (GBytes     *bytes,
                       const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (g_ascii_strncasecmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

char *
ik_test_find_trace (GHashTable         *files,
                    const char * const *needles)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (guint i = 0; needles[i] != NULL; i++)
      {
        g_autoptr(GBytes) path = g_bytes_new_static (key, strlen (key));

        if (ik_test_bytes_contain (value, needles[i]) || ik_test_bytes_contain (path, needles[i]))
          return g_strdup (key);
      }
  return NULL;
}

/**
 * ik_test_make_submitted_session:
 *
 * A submitted session of one candidate with one rating whose evidence is
 * @note, so that it can be published to a team folder.
 *
 * Returns: (transfer full): the session
 */
IkSession *
ik_test_make_submitted_session (const char *name,
                                const char *candidate_id,
                                const char *note)
{
  IkSession *session = ik_session_new ();
  g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("threat", "Threat modelling");
  IkScorecard *scorecard = ik_session_get_scorecard (session);

  ik_session_set_candidate_name (session, name);
  g_assert_true (ik_session_set_candidate_id (session, candidate_id));
  ik_session_set_role (session, "Security Engineer");
  g_assert_true (ik_competency_rating_set_rating (rating, 3));
  g_assert_true (ik_competency_rating_set_evidence (rating, note));
  g_assert_true (ik_scorecard_add_rating (scorecard, rating));
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  return session;
}

/**
 * ik_test_count_items_changed:
 *
 * An "items-changed" handler that counts emissions in the guint
 * @count points to.
 */
void
ik_test_count_items_changed (GListModel *model,
                             guint       position,
                             guint       removed,
                             guint       added,
                             guint      *count)
{
  (*count)++;
}

static char *
document_to_data (GObject *object)
{
  g_autoptr(JsonNode) root = IK_IS_SESSION (object) ? ik_session_to_json (IK_SESSION (object))
                                                    : ik_bank_to_json (IK_BANK (object));
  g_autoptr(GError) error = NULL;
  char *data = ik_json_to_data (root, NULL, &error);

  g_assert_no_error (error);
  return data;
}

/* A bank the fast reader took is read again with its questions passed
 * over (ik_bank_new_from_bytes(), as the library does for a file its index
 * vouches for): read when first needed, they are the same. */
static void
check_bank_read_later (const char *data,
                       gsize       length,
                       IkBank     *fast,
                       const char *fast_data)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(IkBank) ranged = NULL;
  g_autoptr(IkBank) later = NULL;
  g_autofree char *later_data = NULL;
  IkBankQuestions questions = { 0, };

  ranged = ik_bank_new_from_bytes (data, length, NULL, NULL, &questions);
  g_assert_nonnull (ranged);
  g_assert_cmpuint (questions.n, ==, g_list_model_get_n_items (ik_bank_get_questions (fast)));
  g_assert_cmpuint (questions.start, <, questions.end);
  g_assert_cmpint (data[questions.start], ==, '[');
  g_assert_cmpint (data[questions.end - 1], ==, ']');

  later = ik_bank_new_from_bytes (g_bytes_get_data (bytes, NULL), length, bytes, &questions, NULL);
  g_assert_nonnull (later);
  g_assert_true (ik_bank_has_pending_questions (later));
  g_assert_cmpuint (ik_bank_get_n_questions (later), ==, questions.n);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_peek_questions (later)), ==, 0);
  ik_bank_set_created (later, ik_bank_get_created (fast));
  ik_bank_set_modified (later, ik_bank_get_modified (fast));
  later_data = document_to_data (G_OBJECT (later));
  g_assert_false (ik_bank_has_pending_questions (later));
  g_assert_false (ik_bank_get_read_only (later));
  if (strcmp (later_data, fast_data) != 0)
    g_error ("a bank read with its questions later differs from the fast reader's:\n%.*s",
             (int) length, data);
}

IkTestReadWay
ik_test_read_both_ways (gboolean    session,
                        const char *data,
                        gsize       length)
{
  g_autoptr(GObject) fast = NULL;
  g_autoptr(GObject) tree = NULL;
  g_autoptr(JsonNode) root = ik_json_parse (data, length, NULL, NULL, NULL);
  g_autofree char *fast_data = NULL;
  g_autofree char *tree_data = NULL;
  gsize at = 0;

  fast = session ? (GObject *) ik_session_new_from_data (data, length)
                 : (GObject *) ik_bank_new_from_data (data, length);
  if (root != NULL)
    tree = session ? (GObject *) ik_session_new_from_json (root, NULL)
                   : (GObject *) ik_bank_new_from_json (root, NULL);
  if (fast == NULL)
    return tree != NULL ? IK_TEST_READ_TREE_ONLY : IK_TEST_READ_NEITHER;

  if (tree == NULL)
    g_error ("the fast reader read a document the tree reader refuses:\n%.*s", (int) length, data);
  if (!session)
    {
      /* Both ways read these with the same code; when missing, they are
       * the moment of reading, a moment apart. */
      ik_bank_set_created (IK_BANK (tree), ik_bank_get_created (IK_BANK (fast)));
      ik_bank_set_modified (IK_BANK (tree), ik_bank_get_modified (IK_BANK (fast)));
    }
  fast_data = document_to_data (fast);
  tree_data = document_to_data (tree);
  if (strcmp (fast_data, tree_data) != 0)
    {
      while (fast_data[at] == tree_data[at])
        at++;
      at = at > 200 ? at - 200 : 0;
      g_error ("the two readers read different objects from:\n%.*s\n"
               "The fast reader's, from where they differ:\n%.400s\n"
               "The tree reader's:\n%.400s", (int) length, data, fast_data + at, tree_data + at);
    }
  if (!session)
    check_bank_read_later (data, length, IK_BANK (fast), fast_data);
  return IK_TEST_READ_FAST;
}
