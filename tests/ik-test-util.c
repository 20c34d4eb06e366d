/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ik-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "ik-json.h"

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
