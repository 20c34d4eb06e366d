/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bank we ship: present on first start, complete, and well-formed. */
#include "config.h"

#include <gio/gio.h>

#include "ik-bank.h"
#include "ik-competency.h"
#include "ik-guidance.h"
#include "ik-json.h"
#include "ik-library.h"
#include "ik-question.h"
#include "ik-test-util.h"

#define BUNDLED_ID "5b0c6a2e-8f51-4c3e-9a77-2d1e4b9f6c01"

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static IkLibrary *
load_fresh_library (char **dir_out)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *root = g_build_filename (dir, "library", NULL);
  g_autoptr(IkLibrary) library = ik_library_new (root);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ik_library_load_async (library, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ik_library_load_finish (library, result, &error));
  g_assert_no_error (error);

  *dir_out = g_steal_pointer (&dir);
  return g_steal_pointer (&library);
}

static void
test_present_on_first_start (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(IkLibrary) library = load_fresh_library (&dir);
  IkBank *bank = ik_library_find_bank (library, BUNDLED_ID);

  g_assert_nonnull (bank);
  g_assert_cmpstr (ik_bank_get_title (bank), ==, "AI System Security Design");
  g_assert_cmpint (ik_bank_get_origin (bank), ==, IK_BANK_ORIGIN_BUNDLED);
  g_assert_cmpuint (g_list_model_get_n_items (ik_library_get_problems (library)), ==, 0);

  /* Shipping a bank writes nothing into the user's library. */
  g_clear_object (&library);
  {
    g_autofree char *banks = g_build_filename (dir, "library", "banks", NULL);
    g_autoptr(GDir) d = g_dir_open (banks, 0, NULL);

    g_assert_true (d == NULL || g_dir_read_name (d) == NULL);
  }
  ik_test_rm_rf (dir);
}

static gboolean
in_strv (const char * const *strv,
         const char         *s)
{
  return strv != NULL && g_strv_contains (strv, s);
}

static void
test_content_is_complete (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(IkLibrary) library = load_fresh_library (&dir);
  IkBank *bank = ik_library_find_bank (library, BUNDLED_ID);
  GListModel *questions = ik_bank_get_questions (bank);
  GListModel *competencies = ik_bank_get_competencies (bank);
  GListModel *guidance = ik_bank_get_guidance (bank);
  static const char *required_competencies[] = {
    "ai-ml-security", "security-engineering", "problem-solving",
    "adaptability", "ethics-privacy", "communication",
  };

  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 15);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(IkQuestion) q = g_list_model_get_item (questions, i);
      const char * const *areas = ik_question_get_areas (q);
      const char * const *follow_ups = ik_question_get_follow_ups (q);
      const char * const *assessed = ik_question_get_competencies (q);
      guint n_areas = areas ? g_strv_length ((char **) areas) : 0;

      g_assert_cmpuint (n_areas, >=, 6);
      g_assert_cmpuint (n_areas, <=, 8);
      g_assert_cmpuint (follow_ups ? g_strv_length ((char **) follow_ups) : 0, ==, 4);
      g_assert_cmpuint (ik_question_get_minutes (q), >, 0);
      g_assert_nonnull (assessed);
      for (guint j = 0; assessed[j] != NULL; j++)
        g_assert_nonnull (ik_bank_find_competency (bank, assessed[j]));
    }

  for (guint c = 0; c < G_N_ELEMENTS (required_competencies); c++)
    {
      IkCompetency *competency = ik_bank_find_competency (bank, required_competencies[c]);
      guint used = 0;

      g_assert_nonnull (competency);
      /* Every level has a general anchor and one for each seniority. */
      for (guint level = 1; level <= IK_RATING_MAX; level++)
        {
          g_assert_cmpstr (ik_competency_get_anchor (competency, level, -1), !=, NULL);
          for (int s = IK_SENIORITY_JUNIOR; s <= IK_SENIORITY_LEAD; s++)
            {
              const char *anchor = ik_competency_get_anchor (competency, level, s);
              g_assert_nonnull (anchor);
              g_assert_cmpuint (strlen (anchor), >, 20);
            }
        }
      for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
        {
          g_autoptr(IkQuestion) q = g_list_model_get_item (questions, i);
          used += in_strv (ik_question_get_competencies (q), required_competencies[c]);
        }
      g_assert_cmpuint (used, >=, 3);
    }
  g_assert_cmpuint (g_list_model_get_n_items (competencies), >=, 6);

  /* Guidance on the topics interviewers ask about most. */
  g_assert_cmpuint (g_list_model_get_n_items (guidance), >=, 6);

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_resource_matches_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autofree char *written = NULL;
  gsize length = 0;
  const char *data;

  /* Loading the library registers the bundle. */
  {
    g_autofree char *dir = NULL;
    g_autoptr(IkLibrary) library = load_fresh_library (&dir);
    ik_test_rm_rf (dir);
  }

  bytes = g_resources_lookup_data (IK_LIBRARY_BUNDLED_BANKS_PATH "ai-system-security-design.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  ik_test_assert_schema_valid_data ("bank.schema.json", data, length);

  root = ik_json_parse (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  bank = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_false (ik_bank_get_read_only (bank));

  /* What we ship is exactly what our own writer produces. */
  {
    g_autoptr(JsonNode) again = ik_bank_to_json (bank);
    written = ik_json_to_data (again, &length, &error);
    g_assert_no_error (error);
    ik_test_assert_schema_valid_data ("bank.schema.json", written, length);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bundled-bank/present-on-first-start", test_present_on_first_start);
  g_test_add_func ("/bundled-bank/content-is-complete", test_content_is_complete);
  g_test_add_func ("/bundled-bank/resource-matches-schema", test_resource_matches_schema);

  return g_test_run ();
}
