/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of IkBank, IkQuestion, IkCompetency and IkGuidance: the file format
 * (round trip, unknown members, schema, every bad input) and the `changed`
 * and version bookkeeping the autosave relies on. */
#include "config.h"

#include <string.h>

#include "ik-bank.h"
#include "ik-enum-types.h"
#include "ik-json.h"
#include "ik-test-util.h"

static const char base_document[] =
  "{\n"
  "  \"format\": \"interview-kit/bank\", \"version\": 1,\n"
  "  \"id\": \"bank-1\", \"title\": \"Security\", \"description\": \"Desc\",\n"
  "  \"origin\": \"bundled\", \"created\": \"2026-11-25T10:00:00+00:00\",\n"
  "  \"modified\": \"2026-11-26T11:30:00+02:00\", \"revision\": 12,\n"
  "  \"guidance\": [ { \"question\": \"How?\", \"answer\": \"Like this.\" } ],\n"
  "  \"competencies\": [ { \"id\": \"ai-security\", \"name\": \"AI security\", \"description\": \"D\",\n"
  "      \"anchors\": [ { \"level\": 1, \"text\": \"Weak\", \"senior\": \"Weak senior\" },\n"
  "                     { \"level\": 4, \"lead\": \"Strong lead\" } ] },\n"
  "    { \"id\": \"threat-modelling\", \"name\": \"Threat modelling\" } ],\n"
  "  \"questions\": [ { \"id\": \"q1\", \"text\": \"Tell me about…\", \"areas\": [\"a1\", \"a2\"],\n"
  "      \"follow_ups\": [\"f1\"], \"competencies\": [\"ai-security\"], \"minutes\": 12, \"tags\": [\"t\"] },\n"
  "    { \"id\": \"q2\", \"text\": \"Second\" } ]\n"
  "}\n";

static JsonNode *
parse_or_fail (const char *data,
               gsize       length)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = ik_json_parse (data, length, NULL, NULL, &error);

  g_assert_no_error (error);
  return root;
}

static IkBank *
load_base (void)
{
  g_autoptr(JsonNode) root = parse_or_fail (base_document, strlen (base_document));
  g_autoptr(GError) error = NULL;
  IkBank *bank = ik_bank_new_from_json (root, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);
  return bank;
}

/* Serialises a bank, checks the text against the schema with an independent
 * validator, and returns it. */
static char *
bank_to_checked_data (IkBank *bank,
                      gsize  *length)
{
  g_autoptr(JsonNode) root = ik_bank_to_json (bank);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bank.json", NULL);
  char *data;

  data = ik_json_to_data (root, length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, data, *length, &error);
  g_assert_no_error (error);
  ik_test_assert_schema_valid ("bank.schema.json", path);
  ik_test_rm_rf (dir);
  return data;
}

static IkBank *
reload (IkBank *bank)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  IkBank *copy;

  data = bank_to_checked_data (bank, &length);
  root = parse_or_fail (data, length);
  copy = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  return copy;
}

static void
assert_questions_equal (IkQuestion *a,
                        IkQuestion *b)
{
  g_assert_cmpstr (ik_question_get_id (a), ==, ik_question_get_id (b));
  g_assert_cmpstr (ik_question_get_text (a), ==, ik_question_get_text (b));
  g_assert_cmpstrv (ik_question_get_areas (a), ik_question_get_areas (b));
  g_assert_cmpstrv (ik_question_get_follow_ups (a), ik_question_get_follow_ups (b));
  g_assert_cmpstrv (ik_question_get_competencies (a), ik_question_get_competencies (b));
  g_assert_cmpstrv (ik_question_get_tags (a), ik_question_get_tags (b));
  g_assert_cmpuint (ik_question_get_minutes (a), ==, ik_question_get_minutes (b));
}

static void
assert_competencies_equal (IkCompetency *a,
                           IkCompetency *b)
{
  g_assert_cmpstr (ik_competency_get_id (a), ==, ik_competency_get_id (b));
  g_assert_cmpstr (ik_competency_get_name (a), ==, ik_competency_get_name (b));
  g_assert_cmpstr (ik_competency_get_description (a), ==, ik_competency_get_description (b));
  for (guint level = 1; level <= IK_RATING_MAX; level++)
    for (int s = IK_ANCHOR_GENERAL; s <= IK_SENIORITY_LEAD; s++)
      g_assert_cmpstr (ik_competency_get_anchor (a, level, s), ==,
                       ik_competency_get_anchor (b, level, s));
}

static void
assert_banks_equal (IkBank   *a,
                    IkBank   *b,
                    gboolean  same_identity)
{
  GListModel *qa = ik_bank_get_questions (a);
  GListModel *qb = ik_bank_get_questions (b);
  GListModel *ca = ik_bank_get_competencies (a);
  GListModel *cb = ik_bank_get_competencies (b);
  GListModel *ga = ik_bank_get_guidance (a);
  GListModel *gb = ik_bank_get_guidance (b);

  if (same_identity)
    {
      g_assert_cmpstr (ik_bank_get_id (a), ==, ik_bank_get_id (b));
      g_assert_cmpint (ik_bank_get_origin (a), ==, ik_bank_get_origin (b));
      g_assert_cmpstr (ik_bank_get_origin_file (a), ==, ik_bank_get_origin_file (b));
      g_assert_true (g_date_time_equal (ik_bank_get_created (a), ik_bank_get_created (b)));
      g_assert_true (g_date_time_equal (ik_bank_get_modified (a), ik_bank_get_modified (b)));
      g_assert_cmpuint (ik_bank_get_version (a), ==, ik_bank_get_version (b));
      g_assert_cmpstr (ik_bank_get_title (a), ==, ik_bank_get_title (b));
    }
  g_assert_cmpstr (ik_bank_get_description (a), ==, ik_bank_get_description (b));

  g_assert_cmpuint (g_list_model_get_n_items (qa), ==, g_list_model_get_n_items (qb));
  for (guint i = 0; i < g_list_model_get_n_items (qa); i++)
    {
      g_autoptr(IkQuestion) x = g_list_model_get_item (qa, i);
      g_autoptr(IkQuestion) y = g_list_model_get_item (qb, i);

      g_assert_true (x != y);
      assert_questions_equal (x, y);
    }

  g_assert_cmpuint (g_list_model_get_n_items (ca), ==, g_list_model_get_n_items (cb));
  for (guint i = 0; i < g_list_model_get_n_items (ca); i++)
    {
      g_autoptr(IkCompetency) x = g_list_model_get_item (ca, i);
      g_autoptr(IkCompetency) y = g_list_model_get_item (cb, i);

      g_assert_true (x != y);
      assert_competencies_equal (x, y);
    }

  g_assert_cmpuint (g_list_model_get_n_items (ga), ==, g_list_model_get_n_items (gb));
  for (guint i = 0; i < g_list_model_get_n_items (ga); i++)
    {
      g_autoptr(IkGuidance) x = g_list_model_get_item (ga, i);
      g_autoptr(IkGuidance) y = g_list_model_get_item (gb, i);

      g_assert_cmpstr (ik_guidance_get_question (x), ==, ik_guidance_get_question (y));
      g_assert_cmpstr (ik_guidance_get_answer (x), ==, ik_guidance_get_answer (y));
    }
}

static IkBank *
build_full_bank (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) created = g_date_time_new (tz, 2025, 3, 4, 5, 6, 7.5);
  g_autoptr(GDateTime) modified = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(IkQuestion) q1 = ik_question_new ();
  g_autoptr(IkQuestion) q2 = ik_question_new ();
  g_autoptr(IkCompetency) c = ik_competency_new ("comp_1", "Communication");
  g_autoptr(IkGuidance) g = ik_guidance_new ("What if…?", "Then \"quote\" and\nnewline.");
  IkBank *bank = ik_bank_new ("Full bank ✓");

  ik_question_set_text (q1, "Describe a time you found a prompt injection.\n\tDetails?");
  ik_question_set_areas (q1, (const char * const[]) { "impact", "mitigation", "é ü 中", NULL });
  ik_question_set_follow_ups (q1, (const char * const[]) { "What next?", NULL });
  ik_question_set_competencies (q1, (const char * const[]) { "comp_1", NULL });
  ik_question_set_tags (q1, (const char * const[]) { "llm", "red-team", NULL });
  ik_question_set_minutes (q1, 600);
  ik_question_set_text (q2, "");

  ik_competency_set_description (c, "Explains clearly.");
  for (guint level = 1; level <= IK_RATING_MAX; level++)
    for (int s = IK_ANCHOR_GENERAL; s <= IK_SENIORITY_LEAD; s++)
      {
        g_autofree char *text = g_strdup_printf ("level %u seniority %d", level, s);

        if ((level + s) % 3 != 0)
          ik_competency_set_anchor (c, level, s, text);
      }

  ik_bank_set_description (bank, "All fields set");
  ik_bank_set_origin (bank, IK_BANK_ORIGIN_IMPORTED);
  ik_bank_set_origin_file (bank, "team.ikbank.json");
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q1);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q2);
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), c);
  g_list_store_append (G_LIST_STORE (ik_bank_get_guidance (bank)), g);
  ik_bank_set_created (bank, created);
  ik_bank_set_modified (bank, modified);
  ik_bank_set_version (bank, 77);

  return bank;
}

static void
test_round_trip (void)
{
  g_autoptr(IkBank) bank = build_full_bank ();
  g_autoptr(IkBank) copy = reload (bank);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize len1 = 0;
  gsize len2 = 0;

  assert_banks_equal (bank, copy, TRUE);
  g_assert_cmpuint (ik_bank_get_version (copy), ==, 77);
  g_assert_cmpint (ik_bank_get_origin (copy), ==, IK_BANK_ORIGIN_IMPORTED);
  g_assert_false (ik_bank_get_read_only (copy));

  /* Writing again gives the same bytes: nothing drifts between saves. */
  first = bank_to_checked_data (bank, &len1);
  second = bank_to_checked_data (copy, &len2);
  g_assert_cmpmem (first, len1, second, len2);
}

static void
test_load_base (void)
{
  g_autoptr(IkBank) bank = load_base ();
  g_autoptr(IkBank) copy = NULL;
  IkQuestion *q1 = ik_bank_find_question (bank, "q1");
  IkQuestion *q2 = ik_bank_find_question (bank, "q2");
  IkCompetency *c = ik_bank_find_competency (bank, "ai-security");
  g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 ("2026-11-26T11:30:00+02:00", NULL);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Security");
  g_assert_cmpint (ik_bank_get_origin (bank), ==, IK_BANK_ORIGIN_BUNDLED);
  g_assert_null (ik_bank_get_origin_file (bank));
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 12);
  g_assert_true (g_date_time_equal (ik_bank_get_modified (bank), modified));

  g_assert_nonnull (q1);
  g_assert_cmpuint (ik_question_get_minutes (q1), ==, 12);
  g_assert_cmpstrv (ik_question_get_areas (q1), ((const char * const[]) { "a1", "a2", NULL }));
  /* Optional members default to empty. */
  g_assert_nonnull (q2);
  g_assert_cmpuint (g_strv_length ((GStrv) ik_question_get_areas (q2)), ==, 0);
  g_assert_cmpuint (ik_question_get_minutes (q2), ==, 0);
  g_assert_null (ik_bank_find_question (bank, "q3"));
  g_assert_null (ik_bank_find_question (bank, NULL));

  g_assert_nonnull (c);
  g_assert_cmpstr (ik_competency_get_anchor (c, 1, IK_ANCHOR_GENERAL), ==, "Weak");
  g_assert_cmpstr (ik_competency_get_anchor_for (c, 1, IK_SENIORITY_SENIOR), ==, "Weak senior");
  g_assert_cmpstr (ik_competency_get_anchor_for (c, 1, IK_SENIORITY_JUNIOR), ==, "Weak");
  g_assert_null (ik_competency_get_anchor_for (c, 4, IK_SENIORITY_MID));
  g_assert_cmpstr (ik_competency_get_anchor_for (c, 4, IK_SENIORITY_LEAD), ==, "Strong lead");
  g_assert_null (ik_competency_get_anchor (c, 2, IK_ANCHOR_GENERAL));

  copy = reload (bank);
  assert_banks_equal (bank, copy, TRUE);
}

static void
test_unknown_members (void)
{
  static const char doc[] =
    "{ \"format\": \"interview-kit/bank\", \"version\": 1, \"id\": \"b\", \"title\": \"T\",\n"
    "  \"doc_extra\": {\"nested\": [1, {\"deep\": null}]},\n"
    "  \"guidance\": [ { \"question\": \"q\", \"answer\": \"a\", \"g_extra\": true } ],\n"
    "  \"competencies\": [ { \"id\": \"c\", \"name\": \"n\", \"c_extra\": [\"x\"],\n"
    "      \"anchors\": [ { \"level\": 2, \"a_extra\": -7 }, { \"level\": 3, \"text\": \"t\", \"principal\": \"p\" } ] } ],\n"
    "  \"questions\": [ { \"id\": \"q\", \"text\": \"t\", \"q_extra\": {\"k\": \"v\"}, \"weight\": 3 } ],\n"
    "  \"trailing_extra\": \"last\" }";
  g_autoptr(JsonNode) root = parse_or_fail (doc, strlen (doc));
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = ik_bank_new_from_json (root, &error);
  g_autoptr(IkBank) dup = NULL;
  g_autoptr(JsonNode) out = NULL;
  g_autoptr(JsonNode) dup_out = NULL;
  g_autofree char *data = NULL;
  JsonObject *o;
  JsonObject *q;
  JsonObject *c;
  JsonArray *anchors;
  gsize len = 0;

  g_assert_no_error (error);

  /* Edits do not disturb preserved members. */
  {
    g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), 0);

    ik_question_set_text (question, "edited");
  }

  data = bank_to_checked_data (bank, &len);
  out = parse_or_fail (data, len);
  o = json_node_get_object (out);

#define ASSERT_MEMBER_JSON(obj, name, json) \
  G_STMT_START { \
    g_autoptr(JsonNode) expected_ = json_from_string (json, NULL); \
    g_assert_nonnull (json_object_get_member (obj, name)); \
    g_assert_true (json_node_equal (json_object_get_member (obj, name), expected_)); \
  } G_STMT_END

  ASSERT_MEMBER_JSON (o, "doc_extra", "{\"nested\": [1, {\"deep\": null}]}");
  ASSERT_MEMBER_JSON (o, "trailing_extra", "\"last\"");
  ASSERT_MEMBER_JSON (json_array_get_object_element (json_object_get_array_member (o, "guidance"), 0),
                      "g_extra", "true");
  c = json_array_get_object_element (json_object_get_array_member (o, "competencies"), 0);
  ASSERT_MEMBER_JSON (c, "c_extra", "[\"x\"]");
  anchors = json_object_get_array_member (c, "anchors");
  g_assert_cmpuint (json_array_get_length (anchors), ==, 2);
  ASSERT_MEMBER_JSON (json_array_get_object_element (anchors, 0), "level", "2");
  ASSERT_MEMBER_JSON (json_array_get_object_element (anchors, 0), "a_extra", "-7");
  ASSERT_MEMBER_JSON (json_array_get_object_element (anchors, 1), "principal", "\"p\"");
  q = json_array_get_object_element (json_object_get_array_member (o, "questions"), 0);
  ASSERT_MEMBER_JSON (q, "q_extra", "{\"k\": \"v\"}");
  ASSERT_MEMBER_JSON (q, "weight", "3");
  ASSERT_MEMBER_JSON (q, "text", "\"edited\"");

  /* A duplicate keeps them too. */
  dup = ik_bank_duplicate (bank, NULL);
  dup_out = ik_bank_to_json (dup);
  o = json_node_get_object (dup_out);
  ASSERT_MEMBER_JSON (o, "doc_extra", "{\"nested\": [1, {\"deep\": null}]}");
  c = json_array_get_object_element (json_object_get_array_member (o, "competencies"), 0);
  ASSERT_MEMBER_JSON (json_array_get_object_element (json_object_get_array_member (c, "anchors"), 0),
                      "a_extra", "-7");
  q = json_array_get_object_element (json_object_get_array_member (o, "questions"), 0);
  ASSERT_MEMBER_JSON (q, "weight", "3");

#undef ASSERT_MEMBER_JSON
}

/* Navigates "questions[1].areas" in a parsed document and sets (or, with a
 * NULL value, removes) the last member. */
static void
set_path (JsonNode   *root,
          const char *path,
          const char *value_json)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *o = json_node_get_object (root);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      char *bracket = strchr (parts[i], '[');
      gint64 index = -1;

      if (bracket != NULL)
        {
          index = g_ascii_strtoll (bracket + 1, NULL, 10);
          *bracket = '\0';
        }

      if (i == n - 1 && index < 0)
        {
          if (value_json == NULL)
            json_object_remove_member (o, parts[i]);
          else
            json_object_set_member (o, parts[i], json_from_string (value_json, NULL));
          return;
        }

      if (i == n - 1)
        {
          JsonArray *array = json_object_get_array_member (o, parts[i]);

          g_assert_nonnull (value_json);
          json_array_remove_element (array, index);
          /* JsonArray has no insert: rebuild by appending the rest. */
          {
            g_autoptr(JsonArray) rest = json_array_new ();
            guint len = json_array_get_length (array);

            for (guint k = index; k < len; k++)
              json_array_add_element (rest, json_node_copy (json_array_get_element (array, k)));
            while (json_array_get_length (array) > (guint) index)
              json_array_remove_element (array, index);
            json_array_add_element (array, json_from_string (value_json, NULL));
            for (guint k = 0; k < json_array_get_length (rest); k++)
              json_array_add_element (array, json_node_copy (json_array_get_element (rest, k)));
          }
          return;
        }

      if (index >= 0)
        o = json_array_get_object_element (json_object_get_array_member (o, parts[i]), index);
      else
        o = json_object_get_object_member (o, parts[i]);
    }
}

typedef struct
{
  const char  *path;
  const char  *value;     /* JSON text, or NULL to remove the member */
  IkJsonError  code;
  const char  *message;   /* expected prefix of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "format", NULL, IK_JSON_ERROR_FORMAT, "format: not an Interview Kit question bank" },
  { "format", "\"interview-kit/session\"", IK_JSON_ERROR_FORMAT, "format: not an Interview Kit" },
  { "format", "1", IK_JSON_ERROR_FORMAT, "format: not an Interview Kit" },
  { "version", NULL, IK_JSON_ERROR_INVALID, "version: required member is missing" },
  { "version", "\"1\"", IK_JSON_ERROR_INVALID, "version: expected an integer, found a string" },
  { "version", "0", IK_JSON_ERROR_INVALID, "version: 0 is out of range" },
  { "version", "true", IK_JSON_ERROR_INVALID, "version: expected an integer, found a boolean" },
  { "id", NULL, IK_JSON_ERROR_INVALID, "id: required member is missing" },
  { "id", "\"../../etc\"", IK_JSON_ERROR_INVALID, "id: not a valid identifier" },
  { "id", "\"a/b\"", IK_JSON_ERROR_INVALID, "id: not a valid identifier" },
  { "id", "7", IK_JSON_ERROR_INVALID, "id: expected a string, found an integer" },
  { "title", NULL, IK_JSON_ERROR_INVALID, "title: required member is missing" },
  { "title", "5", IK_JSON_ERROR_INVALID, "title: expected a string, found an integer" },
  { "title", "[\"x\"]", IK_JSON_ERROR_INVALID, "title: expected a string, found an array" },
  { "description", "{}", IK_JSON_ERROR_INVALID, "description: expected a string, found an object" },
  { "origin", "\"alien\"", IK_JSON_ERROR_INVALID, "origin: unknown value “alien”" },
  { "origin", "0", IK_JSON_ERROR_INVALID, "origin: expected a string, found an integer" },
  { "origin_file", "false", IK_JSON_ERROR_INVALID, "origin_file: expected a string, found a boolean" },
  { "created", "\"yesterday\"", IK_JSON_ERROR_INVALID, "created: expected an ISO 8601" },
  { "created", "\"2026-11-25T10:00:00\"", IK_JSON_ERROR_INVALID, "created: expected an ISO 8601" },
  { "modified", "1764064800", IK_JSON_ERROR_INVALID, "modified: expected a date and time string" },
  { "revision", "-1", IK_JSON_ERROR_INVALID, "revision: -1 is out of range" },
  { "revision", "\"12\"", IK_JSON_ERROR_INVALID, "revision: expected an integer, found a string" },
  { "guidance", "{}", IK_JSON_ERROR_INVALID, "guidance: expected an array, found an object" },
  { "guidance[0]", "\"text\"", IK_JSON_ERROR_INVALID, "guidance[0]: expected an object" },
  { "guidance[0].answer", NULL, IK_JSON_ERROR_INVALID, "guidance[0].answer: required member is missing" },
  { "guidance[0].question", "1", IK_JSON_ERROR_INVALID, "guidance[0].question: expected a string, found an integer" },
  { "competencies", "\"x\"", IK_JSON_ERROR_INVALID, "competencies: expected an array, found a string" },
  { "competencies[1].id", "\"ai-security\"", IK_JSON_ERROR_INVALID, "competencies[1].id: the id “ai-security” is used twice" },
  { "competencies[1].name", NULL, IK_JSON_ERROR_INVALID, "competencies[1].name: required member is missing" },
  { "competencies[0].anchors", "{}", IK_JSON_ERROR_INVALID, "competencies[0].anchors: expected an array, found an object" },
  { "competencies[0].anchors[1]", "4", IK_JSON_ERROR_INVALID, "competencies[0].anchors[1]: expected an object" },
  { "competencies[0].anchors[1].level", "1", IK_JSON_ERROR_INVALID, "competencies[0].anchors[1].level: level 1 appears more than once" },
  { "competencies[0].anchors[1].level", "5", IK_JSON_ERROR_INVALID, "competencies[0].anchors[1].level: 5 is out of range (1 to 4)" },
  { "competencies[0].anchors[1].level", "0", IK_JSON_ERROR_INVALID, "competencies[0].anchors[1].level: 0 is out of range" },
  { "competencies[0].anchors[1].level", NULL, IK_JSON_ERROR_INVALID, "competencies[0].anchors[1].level: required member is missing" },
  { "competencies[0].anchors[0].senior", "[]", IK_JSON_ERROR_INVALID, "competencies[0].anchors[0].senior: expected a string, found an array" },
  { "questions", NULL, IK_JSON_ERROR_INVALID, "questions: required member is missing" },
  { "questions", "{}", IK_JSON_ERROR_INVALID, "questions: expected an array, found an object" },
  { "questions[1]", "null", IK_JSON_ERROR_INVALID, "questions[1]: expected an object" },
  { "questions[1].id", "\"q1\"", IK_JSON_ERROR_INVALID, "questions[1].id: the id “q1” is used twice" },
  { "questions[1].id", NULL, IK_JSON_ERROR_INVALID, "questions[1].id: required member is missing" },
  { "questions[0].id", "\"..\"", IK_JSON_ERROR_INVALID, "questions[0].id: not a valid identifier" },
  { "questions[0].text", NULL, IK_JSON_ERROR_INVALID, "questions[0].text: required member is missing" },
  { "questions[0].text", "true", IK_JSON_ERROR_INVALID, "questions[0].text: expected a string, found a boolean" },
  { "questions[0].areas", "\"a\"", IK_JSON_ERROR_INVALID, "questions[0].areas: expected an array of strings, found a string" },
  { "questions[0].areas[1]", "2", IK_JSON_ERROR_INVALID, "questions[0].areas[1]: expected a string, found an integer" },
  { "questions[0].follow_ups[0]", "{}", IK_JSON_ERROR_INVALID, "questions[0].follow_ups[0]: expected a string, found an object" },
  { "questions[0].competencies[0]", "\"../x\"", IK_JSON_ERROR_INVALID, "questions[0].competencies[0]: not a valid identifier" },
  { "questions[0].tags", "7", IK_JSON_ERROR_INVALID, "questions[0].tags: expected an array of strings, found an integer" },
  { "questions[0].minutes", "601", IK_JSON_ERROR_INVALID, "questions[0].minutes: 601 is out of range (0 to 600)" },
  { "questions[0].minutes", "-1", IK_JSON_ERROR_INVALID, "questions[0].minutes: -1 is out of range" },
  { "questions[0].minutes", "\"12\"", IK_JSON_ERROR_INVALID, "questions[0].minutes: expected an integer, found a string" },
  { "questions[0].minutes", "true", IK_JSON_ERROR_INVALID, "questions[0].minutes: expected an integer, found a boolean" },
  { "questions[0].minutes", "[]", IK_JSON_ERROR_INVALID, "questions[0].minutes: expected an integer, found an array" },
};

static void
test_bad_members (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bc = &bad_cases[i];
      g_autoptr(JsonNode) root = parse_or_fail (base_document, strlen (base_document));
      g_autoptr(GError) error = NULL;
      g_autoptr(IkBank) bank = NULL;

      set_path (root, bc->path, bc->value);
      bank = ik_bank_new_from_json (root, &error);
      g_assert_null (bank);
      if (!g_error_matches (error, IK_JSON_ERROR, bc->code)
          || !g_str_has_prefix (error->message, bc->message))
        g_error ("case %u (%s = %s): got “%s”, expected “%s…”", i, bc->path,
                 bc->value ? bc->value : "(removed)",
                 error ? error->message : "no error", bc->message);
    }
}

static void
assert_load_fails (const char  *data,
                   gsize        length,
                   IkJsonError  code,
                   const char  *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = ik_json_parse (data, length, NULL, NULL, &error);
  g_autoptr(IkBank) bank = NULL;

  if (root != NULL)
    bank = ik_bank_new_from_json (root, &error);
  g_assert_null (bank);
  g_assert_error (error, IK_JSON_ERROR, (int) code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
}

static char *
replace_once (const char *haystack,
              const char *needle,
              const char *replacement)
{
  const char *at = strstr (haystack, needle);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - haystack), haystack, replacement,
                          at + strlen (needle));
}

static void
test_bad_documents (void)
{
  g_autofree char *minutes_double = replace_once (base_document, "\"minutes\": 12", "\"minutes\": 12.0");
  g_autofree char *minutes_exp = replace_once (base_document, "\"minutes\": 12", "\"minutes\": 1e1");
  g_autofree char *minutes_hex = replace_once (base_document, "\"minutes\": 12", "\"minutes\": 0xC");
  g_autofree char *minutes_zero = replace_once (base_document, "\"minutes\": 12", "\"minutes\": 012");
  g_autofree char *minutes_huge = replace_once (base_document, "\"minutes\": 12", "\"minutes\": 18446744073709551628");
  g_autofree char *minutes_neg0 = replace_once (base_document, "\"minutes\": 12", "\"minutes\": -0");
  g_autofree char *dup_key = replace_once (base_document, "\"minutes\": 12", "\"minutes\": 12, \"minutes\": 13");
  g_autofree char *nul_text = replace_once (base_document, "Second", "Sec\\u0000ond");
  g_autofree char *surrogate = replace_once (base_document, "Second", "\\udead");
  g_autofree char *commented = g_strconcat ("// a bank\n", base_document, NULL);
  g_autofree char *trailing = g_strconcat (base_document, "garbage", NULL);
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", base_document, NULL);
  g_autoptr(GString) huge = g_string_new ("{\"format\": \"interview-kit/bank\", \"version\": 1, "
                                          "\"id\": \"b\", \"title\": \"");
  g_autoptr(GString) many = g_string_new ("{\"format\": \"interview-kit/bank\", \"version\": 1, "
                                          "\"id\": \"b\", \"title\": \"t\", \"questions\": [");
  g_autoptr(GString) areas = g_string_new ("{\"format\": \"interview-kit/bank\", \"version\": 1, "
                                           "\"id\": \"b\", \"title\": \"t\", \"questions\": "
                                           "[{\"id\": \"q\", \"text\": \"t\", \"areas\": [");

  assert_load_fails ("", 0, IK_JSON_ERROR_INVALID, "empty");
  assert_load_fails ("   \n  ", 6, IK_JSON_ERROR_INVALID, "empty");
  assert_load_fails ("[]", 2, IK_JSON_ERROR_INVALID, "JSON object");
  assert_load_fails ("\"bank\"", 6, IK_JSON_ERROR_INVALID, "JSON object");
  assert_load_fails ("{}", 2, IK_JSON_ERROR_FORMAT, "format");
  assert_load_fails (minutes_double, strlen (minutes_double), IK_JSON_ERROR_INVALID, "minutes: expected an integer, found a fractional number");
  assert_load_fails (minutes_exp, strlen (minutes_exp), IK_JSON_ERROR_INVALID, "minutes: expected an integer, found a fractional number");
  assert_load_fails (minutes_hex, strlen (minutes_hex), IK_JSON_ERROR_INVALID, "Hexadecimal");
  assert_load_fails (minutes_zero, strlen (minutes_zero), IK_JSON_ERROR_INVALID, "leading zeros");
  assert_load_fails (minutes_huge, strlen (minutes_huge), IK_JSON_ERROR_INVALID, "out of range");
  assert_load_fails (dup_key, strlen (dup_key), IK_JSON_ERROR_INVALID, "Duplicate");
  assert_load_fails (nul_text, strlen (nul_text), IK_JSON_ERROR_INVALID, "NUL");
  assert_load_fails (surrogate, strlen (surrogate), IK_JSON_ERROR_INVALID, "surrogate");
  assert_load_fails (commented, strlen (commented), IK_JSON_ERROR_INVALID, "Comments");
  assert_load_fails (trailing, strlen (trailing), IK_JSON_ERROR_INVALID, "after the end");

  /* -0 is a valid JSON integer: zero minutes. A UTF-8 BOM is skipped. */
  {
    g_autoptr(JsonNode) root = parse_or_fail (minutes_neg0, strlen (minutes_neg0));
    g_autoptr(IkBank) bank = ik_bank_new_from_json (root, NULL);

    g_assert_nonnull (bank);
    g_assert_cmpuint (ik_question_get_minutes (ik_bank_find_question (bank, "q1")), ==, 0);
  }
  {
    g_autoptr(JsonNode) root = parse_or_fail (bom, strlen (bom));
    g_autoptr(IkBank) bank = ik_bank_new_from_json (root, NULL);

    g_assert_nonnull (bank);
    g_assert_cmpstr (ik_bank_get_title (bank), ==, "Security");
  }

  /* A string of the file cap is over it; a 1 MiB + 1 title over the text cap. */
  for (guint i = 0; i < IK_JSON_MAX_FILE_SIZE; i++)
    g_string_append_c (huge, 'x');
  g_string_append (huge, "\", \"questions\": []}");
  assert_load_fails (huge->str, huge->len, IK_JSON_ERROR_TOO_LARGE, "too large");
  g_string_truncate (huge, strlen ("{\"format\": \"interview-kit/bank\", \"version\": 1, "
                                   "\"id\": \"b\", \"title\": \"") + IK_JSON_MAX_STRING_LENGTH + 1);
  g_string_append (huge, "\", \"questions\": []}");
  assert_load_fails (huge->str, huge->len, IK_JSON_ERROR_TOO_LARGE, "title: the text is too long");

  /* 100,000 questions: refused with a count, not parsed into objects. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (many, i == 0 ? "{}" : ",{}");
  g_string_append (many, "]}");
  assert_load_fails (many->str, many->len, IK_JSON_ERROR_TOO_LARGE,
                     "questions: too many entries (100000, at most 10000)");

  for (guint i = 0; i < 100000; i++)
    g_string_append (areas, i == 0 ? "\"a\"" : ",\"a\"");
  g_string_append (areas, "]}]}");
  assert_load_fails (areas->str, areas->len, IK_JSON_ERROR_TOO_LARGE,
                     "questions[0].areas: too many entries");
}

static void
test_max_questions (void)
{
  g_autoptr(GString) doc = g_string_new ("{\"format\": \"interview-kit/bank\", \"version\": 1, "
                                         "\"id\": \"b\", \"title\": \"t\", \"questions\": [");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < IK_BANK_MAX_ITEMS; i++)
    g_string_append_printf (doc, "%s{\"id\": \"q%u\", \"text\": \"Question %u\"}", i == 0 ? "" : ",", i, i);
  g_string_append (doc, "]}");

  root = parse_or_fail (doc->str, doc->len);
  bank = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, IK_BANK_MAX_ITEMS);
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 0);
  g_assert_cmpstr (ik_question_get_text (ik_bank_find_question (bank, "q9999")), ==, "Question 9999");

  g_string_truncate (doc, doc->len - 2);
  g_string_append (doc, ",{\"id\": \"extra\", \"text\": \"x\"}]}");
  g_clear_pointer (&root, json_node_unref);
  root = parse_or_fail (doc->str, doc->len);
  g_assert_null (ik_bank_new_from_json (root, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
}

static void
test_newer_version (void)
{
  g_autofree char *readable = replace_once (base_document, "\"version\": 1",
                                            "\"version\": 2, \"new_feature\": {\"x\": 1}");
  g_autofree char *unreadable = replace_once (readable, "\"title\": \"Security\"", "\"title\": {\"en\": \"Security\"}");
  g_autoptr(JsonNode) root = parse_or_fail (readable, strlen (readable));
  g_autoptr(JsonNode) root2 = parse_or_fail (unreadable, strlen (unreadable));
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = ik_bank_new_from_json (root, &error);
  g_autoptr(IkBank) bank2 = NULL;

  g_assert_no_error (error);
  g_assert_true (ik_bank_get_read_only (bank));
  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Security");
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 12);

  /* Edits still work in memory; the store is what refuses to write. */
  ik_bank_set_title (bank, "Changed");
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 13);
  g_assert_true (ik_bank_get_read_only (bank));

  bank2 = ik_bank_new_from_json (root2, &error);
  g_assert_null (bank2);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_nonnull (strstr (error->message, "title: expected a string, found an object"));
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_changed (void)
{
  g_autoptr(IkBank) bank = load_base ();
  g_autoptr(IkQuestion) q = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_autoptr(IkCompetency) c = g_list_model_get_item (ik_bank_get_competencies (bank), 0);
  g_autoptr(IkGuidance) g = g_list_model_get_item (ik_bank_get_guidance (bank), 0);
  g_autoptr(IkQuestion) added = ik_question_new ();
  g_autoptr(GDateTime) loaded_modified = g_date_time_ref (ik_bank_get_modified (bank));
  guint changed = 0;
  guint q_changed = 0;
  guint title_notify = 0;
  guint text_notify = 0;
  guint version_notify = 0;

  g_signal_connect (bank, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (q, "changed", G_CALLBACK (count_cb), &q_changed);
  g_signal_connect (bank, "notify::title", G_CALLBACK (count_notify_cb), &title_notify);
  g_signal_connect (bank, "notify::version", G_CALLBACK (count_notify_cb), &version_notify);
  g_signal_connect (q, "notify::text", G_CALLBACK (count_notify_cb), &text_notify);

  /* Setting the same value is not an edit. */
  ik_bank_set_title (bank, "Security");
  ik_question_set_text (q, ik_question_get_text (q));
  ik_question_set_areas (q, (const char * const[]) { "a1", "a2", NULL });
  ik_question_set_minutes (q, 12);
  ik_competency_set_anchor (c, 1, IK_ANCHOR_GENERAL, "Weak");
  ik_competency_set_anchor (c, 2, IK_SENIORITY_MID, "");
  ik_guidance_set_answer (g, "Like this.");
  ik_bank_set_origin_file (bank, NULL);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (title_notify + text_notify + version_notify, ==, 0);
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 12);
  g_assert_true (g_date_time_equal (ik_bank_get_modified (bank), loaded_modified));

  ik_bank_set_title (bank, "New title");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (title_notify, ==, 1);
  g_assert_cmpuint (version_notify, ==, 1);
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 13);
  g_assert_false (g_date_time_equal (ik_bank_get_modified (bank), loaded_modified));

  ik_question_set_text (q, "Edited");
  g_assert_cmpuint (text_notify, ==, 1);
  g_assert_cmpuint (q_changed, ==, 1);
  ik_question_set_tags (q, NULL);
  ik_question_set_minutes (q, 30);
  ik_question_set_follow_ups (q, (const char * const[]) { "new", NULL });
  ik_question_set_competencies (q, NULL);
  ik_question_set_areas (q, NULL);
  g_assert_cmpuint (q_changed, ==, 6);
  g_assert_cmpuint (changed, ==, 7);

  ik_competency_set_anchor (c, 3, IK_SENIORITY_LEAD, "New anchor");
  ik_competency_set_name (c, "Renamed");
  ik_guidance_set_question (g, "Why?");
  ik_bank_set_description (bank, "New");
  ik_bank_set_origin (bank, IK_BANK_ORIGIN_USER);
  ik_bank_set_origin_file (bank, "x.json");
  g_assert_cmpuint (changed, ==, 13);
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 12 + 13);
  g_assert_cmpuint (version_notify, ==, 13);

  /* Adding and removing items is an edit; removed items no longer count. */
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), added);
  g_assert_cmpuint (changed, ==, 14);
  g_assert_true (ik_bank_find_question (bank, ik_question_get_id (added)) == added);
  ik_question_set_text (added, "New question");
  g_assert_cmpuint (changed, ==, 15);
  g_list_store_remove (G_LIST_STORE (ik_bank_get_questions (bank)), 0);
  g_assert_cmpuint (changed, ==, 16);
  g_assert_null (ik_bank_find_question (bank, "q1"));
  ik_question_set_text (q, "Edited after removal");
  g_assert_cmpuint (changed, ==, 16);
  g_list_store_remove_all (G_LIST_STORE (ik_bank_get_competencies (bank)));
  g_assert_cmpuint (changed, ==, 17);
  g_assert_null (ik_bank_find_competency (bank, "ai-security"));
  ik_competency_set_name (c, "Gone");
  g_assert_cmpuint (changed, ==, 17);

  /* Bookkeeping setters notify but are not edits. */
  ik_bank_set_version (bank, 100);
  ik_bank_set_read_only (bank, TRUE);
  g_assert_cmpuint (changed, ==, 17);
  g_assert_cmpuint (version_notify, ==, 18);
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 100);
}

static void
test_no_bump_while_loading (void)
{
  g_autoptr(IkBank) bank = load_base ();
  g_autoptr(IkBank) fresh = ik_bank_new ("Fresh");
  g_autoptr(IkBank) dup = NULL;
  g_autoptr(IkBank) reloaded = NULL;

  g_assert_cmpuint (ik_bank_get_version (bank), ==, 12);
  g_assert_cmpuint (ik_bank_get_version (fresh), ==, 0);
  g_assert_cmpstr (ik_bank_get_title (fresh), ==, "Fresh");
  g_assert_true (ik_id_is_valid (ik_bank_get_id (fresh)));

  reloaded = reload (bank);
  g_assert_cmpuint (ik_bank_get_version (reloaded), ==, 12);

  dup = ik_bank_duplicate (bank, "Copy");
  g_assert_cmpuint (ik_bank_get_version (dup), ==, 0);
  g_assert_cmpstr (ik_bank_get_title (dup), ==, "Copy");
  g_assert_cmpstr (ik_bank_get_id (dup), !=, ik_bank_get_id (bank));
  g_assert_cmpint (ik_bank_get_origin (dup), ==, IK_BANK_ORIGIN_USER);
  g_assert_false (ik_bank_get_read_only (dup));
  assert_banks_equal (bank, dup, FALSE);
  g_assert_nonnull (ik_bank_find_question (dup, "q1"));
  g_assert_true (ik_bank_find_question (dup, "q1") != ik_bank_find_question (bank, "q1"));

  /* The copy is independent. */
  ik_question_set_text (ik_bank_find_question (dup, "q1"), "Only in the copy");
  g_assert_cmpstr (ik_question_get_text (ik_bank_find_question (bank, "q1")), ==, "Tell me about…");
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 12);
  g_assert_cmpuint (ik_bank_get_version (dup), ==, 1);
}

static void
test_question_copy (void)
{
  g_autoptr(IkQuestion) q = ik_question_new ();
  g_autoptr(IkQuestion) other = ik_question_new ();
  g_autoptr(IkQuestion) copy = NULL;
  g_autoptr(IkCompetency) c = ik_competency_new (NULL, "Name");
  g_autoptr(IkCompetency) c_copy = NULL;
  g_auto(GStrv) areas = NULL;
  guint minutes = 0;

  g_assert_true (ik_id_is_valid (ik_question_get_id (q)));
  g_assert_cmpstr (ik_question_get_id (q), !=, ik_question_get_id (other));
  g_assert_cmpstr (ik_question_get_text (q), ==, "");
  g_assert_nonnull (ik_question_get_areas (q));

  ik_question_set_areas (q, (const char * const[]) { "x", NULL });
  ik_question_set_minutes (q, 5);
  copy = ik_question_copy (q);
  assert_questions_equal (q, copy);
  ik_question_set_areas (q, (const char * const[]) { "y", NULL });
  g_assert_cmpstr (ik_question_get_areas (copy)[0], ==, "x");

  /* Properties reach the same state as the accessors. */
  g_object_set (copy, "minutes", 9, "areas", (const char * const[]) { "p", "q", NULL }, NULL);
  g_object_get (copy, "minutes", &minutes, "areas", &areas, NULL);
  g_assert_cmpuint (minutes, ==, 9);
  g_assert_cmpstrv (areas, ((const char * const[]) { "p", "q", NULL }));

  g_assert_true (ik_id_is_valid (ik_competency_get_id (c)));
  ik_competency_set_anchor (c, 2, IK_ANCHOR_GENERAL, "General");
  ik_competency_set_anchor (c, 2, IK_SENIORITY_JUNIOR, "Junior");
  c_copy = ik_competency_copy (c);
  assert_competencies_equal (c, c_copy);
  ik_competency_set_anchor (c, 2, IK_SENIORITY_JUNIOR, NULL);
  g_assert_cmpstr (ik_competency_get_anchor_for (c, 2, IK_SENIORITY_JUNIOR), ==, "General");
  g_assert_cmpstr (ik_competency_get_anchor_for (c_copy, 2, IK_SENIORITY_JUNIOR), ==, "Junior");
}

/* Update from a fresh copy --------------------------------------------------- */

static IkBank *
bank_from_node (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  IkBank *bank = ik_bank_new_from_json (root, &error);

  g_assert_no_error (error);
  return bank;
}

static gpointer
random_item (GRand      *rand,
             GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  return n == 0 ? NULL : g_list_model_get_item (model, g_rand_int_range (rand, 0, n));
}

/* What another program might have done to the file: edits anywhere,
 * items added, removed and moved, members this version does not know. */
static JsonNode *
random_external_edit (IkBank *original,
                      GRand  *rand)
{
  g_autoptr(JsonNode) root = ik_bank_to_json (original);
  g_autoptr(IkBank) edited = bank_from_node (root);
  GListStore *questions = G_LIST_STORE (ik_bank_get_questions (edited));
  GListStore *competencies = G_LIST_STORE (ik_bank_get_competencies (edited));
  GListStore *guidance = G_LIST_STORE (ik_bank_get_guidance (edited));
  g_autofree char *stamp = g_strdup_printf ("%08x", g_rand_int (rand));
  JsonNode *edited_root;

  if (ik_test_rand_chance (rand, 30))
    ik_bank_set_title (edited, stamp);
  if (ik_test_rand_chance (rand, 20))
    ik_bank_set_description (edited, stamp);
  if (ik_test_rand_chance (rand, 10))
    ik_bank_set_origin (edited, g_rand_int_range (rand, 0, IK_BANK_ORIGIN_IMPORTED + 1));
  if (ik_test_rand_chance (rand, 10))
    ik_bank_set_origin_file (edited, ik_test_rand_chance (rand, 50) ? NULL : stamp);
  for (guint i = g_rand_int_range (rand, 0, 4); i > 0; i--)
    {
      g_autoptr(IkQuestion) q = random_item (rand, G_LIST_MODEL (questions));

      if (q == NULL)
        break;
      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          ik_question_set_text (q, stamp);
          break;
        case 1:
          ik_question_set_areas (q, (const char * const[]) { stamp, "area", NULL });
          break;
        case 2:
          ik_question_set_minutes (q, g_rand_int_range (rand, 0, IK_QUESTION_MAX_MINUTES + 1));
          break;
        case 3:
          ik_question_set_tags (q, NULL);
          break;
        default:
          ik_question_set_competencies (q, (const char * const[]) { "ai-security", NULL });
        }
    }
  if (ik_test_rand_chance (rand, 30))
    {
      g_autoptr(IkQuestion) q = ik_question_new ();

      ik_question_set_text (q, stamp);
      g_list_store_insert (questions, g_rand_int_range (rand, 0, g_list_model_get_n_items (G_LIST_MODEL (questions)) + 1), q);
    }
  if (ik_test_rand_chance (rand, 30) && g_list_model_get_n_items (G_LIST_MODEL (questions)) > 0)
    g_list_store_remove (questions, g_rand_int_range (rand, 0, g_list_model_get_n_items (G_LIST_MODEL (questions))));
  if (ik_test_rand_chance (rand, 30) && g_list_model_get_n_items (G_LIST_MODEL (questions)) > 1)
    {
      g_autoptr(IkQuestion) q = g_list_model_get_item (G_LIST_MODEL (questions), 0);

      g_list_store_remove (questions, 0);
      g_list_store_append (questions, q);
    }
  if (ik_test_rand_chance (rand, 30))
    {
      g_autoptr(IkCompetency) c = random_item (rand, G_LIST_MODEL (competencies));

      if (c != NULL)
        {
          ik_competency_set_name (c, stamp);
          ik_competency_set_anchor (c, g_rand_int_range (rand, 1, IK_RATING_MAX + 1),
                                    g_rand_int_range (rand, IK_ANCHOR_GENERAL, IK_SENIORITY_LEAD + 1),
                                    ik_test_rand_chance (rand, 50) ? NULL : stamp);
        }
    }
  if (ik_test_rand_chance (rand, 20))
    {
      g_autoptr(IkCompetency) c = ik_competency_new (NULL, stamp);

      g_list_store_insert (competencies, 0, c);
    }
  if (ik_test_rand_chance (rand, 20) && g_list_model_get_n_items (G_LIST_MODEL (competencies)) > 0)
    g_list_store_remove (competencies, g_list_model_get_n_items (G_LIST_MODEL (competencies)) - 1);
  if (ik_test_rand_chance (rand, 20))
    {
      g_autoptr(IkGuidance) g = random_item (rand, G_LIST_MODEL (guidance));

      if (g != NULL)
        ik_guidance_set_answer (g, stamp);
    }
  if (ik_test_rand_chance (rand, 20))
    {
      g_autoptr(IkGuidance) g = ik_guidance_new (stamp, "answer");

      g_list_store_append (guidance, g);
    }
  if (ik_test_rand_chance (rand, 50))
    {
      g_autoptr(GDateTime) modified = g_date_time_new_utc (2027, 1, 1, 0, 0, g_rand_int_range (rand, 0, 60));

      ik_bank_set_modified (edited, modified);
    }

  edited_root = ik_bank_to_json (edited);
  /* Members a newer version wrote, at the top and in a question. */
  if (ik_test_rand_chance (rand, 30))
    json_object_set_string_member (json_node_get_object (edited_root), "x_future", stamp);
  if (ik_test_rand_chance (rand, 30))
    {
      JsonArray *array = json_object_get_array_member (json_node_get_object (edited_root), "questions");

      if (json_array_get_length (array) > 0)
        json_object_set_int_member (json_array_get_object_element (array, 0), "x_weight", 3);
    }
  return edited_root;
}

/* Every id of @model mapped to its item (borrowed). */
static GHashTable *
items_by_id (GListModel    *model,
             const char *(*get_id) (gpointer item))
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_hash_table_insert (table, (gpointer) get_id (item), item);
    }
  return table;
}

static const char *
get_question_id (gpointer item)
{
  return ik_question_get_id (item);
}

static const char *
get_competency_id (gpointer item)
{
  return ik_competency_get_id (item);
}

static void
test_update_from (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(IkBank) bank = load_base ();
      g_autoptr(JsonNode) edited_root = random_external_edit (bank, rand);
      g_autoptr(IkBank) source = bank_from_node (edited_root);
      g_autofree char *before = ik_test_to_data (ik_bank_to_json (bank));
      g_autofree char *expected = ik_test_to_data (ik_bank_to_json (source));
      g_autofree char *after = NULL;
      g_autoptr(GHashTable) questions = items_by_id (ik_bank_get_questions (bank), get_question_id);
      g_autoptr(GHashTable) competencies = items_by_id (ik_bank_get_competencies (bank), get_competency_id);
      GListModel *store = ik_bank_get_questions (bank);
      g_autofree char *old_title = g_strdup (ik_bank_get_title (bank));
      g_autofree char *old_order = NULL;
      g_autofree char *new_order = NULL;
      GString *order = g_string_new (NULL);
      guint changed = 0;
      guint title_notify = 0;
      guint items_changed = 0;

      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(IkQuestion) q = g_list_model_get_item (store, i);

          g_string_append_printf (order, "%s ", ik_question_get_id (q));
        }
      old_order = g_string_free (order, FALSE);

      g_signal_connect (bank, "changed", G_CALLBACK (count_cb), &changed);
      g_signal_connect (bank, "notify::title", G_CALLBACK (count_notify_cb), &title_notify);
      g_signal_connect (store, "items-changed", G_CALLBACK (ik_test_count_items_changed), &items_changed);

      ik_bank_update_from (bank, source);

      /* The bank holds exactly what the file holds, byte for byte. */
      after = ik_test_to_data (ik_bank_to_json (bank));
      g_assert_cmpstr (after, ==, expected);

      /* Every child that is still there is the same object. */
      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(IkQuestion) q = g_list_model_get_item (store, i);
          IkQuestion *old = g_hash_table_lookup (questions, ik_question_get_id (q));

          g_assert_true (old == NULL || old == q);
          g_assert_true (ik_bank_find_question (bank, ik_question_get_id (q)) == q);
        }
      for (guint i = 0; i < g_list_model_get_n_items (ik_bank_get_competencies (bank)); i++)
        {
          g_autoptr(IkCompetency) c = g_list_model_get_item (ik_bank_get_competencies (bank), i);
          IkCompetency *old = g_hash_table_lookup (competencies, ik_competency_get_id (c));

          g_assert_true (old == NULL || old == c);
        }

      /* One change at most, and the lists only splice when they must. */
      order = g_string_new (NULL);
      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(IkQuestion) q = g_list_model_get_item (store, i);

          g_string_append_printf (order, "%s ", ik_question_get_id (q));
        }
      new_order = g_string_free (order, FALSE);
      g_assert_cmpuint (items_changed, ==, g_str_equal (old_order, new_order) ? 0 : 1);
      g_assert_cmpuint (title_notify, ==, g_str_equal (old_title, ik_bank_get_title (bank)) ? 0 : 1);
      g_assert_cmpuint (changed, <=, 1);
      if (changed == 0)
        {
          /* Only bookkeeping may differ then. */
          g_autoptr(JsonNode) a = parse_or_fail (before, strlen (before));
          g_autoptr(JsonNode) b = parse_or_fail (after, strlen (after));

          json_object_remove_member (json_node_get_object (a), "modified");
          json_object_remove_member (json_node_get_object (b), "modified");
          json_object_remove_member (json_node_get_object (a), "revision");
          json_object_remove_member (json_node_get_object (b), "revision");
          g_assert_true (json_node_equal (a, b));
        }

      /* Still a working bank: an edit bumps from the file's revision. */
      ik_bank_set_title (bank, "Edited afterwards");
      g_assert_cmpuint (ik_bank_get_version (bank), ==, ik_bank_get_version (source) + 1);
    }
}

static void
test_update_from_children (void)
{
  g_autoptr(IkBank) bank = load_base ();
  g_autoptr(IkBank) source = load_base ();
  g_autoptr(IkQuestion) q1 = g_object_ref (ik_bank_find_question (bank, "q1"));
  g_autoptr(IkQuestion) q2 = g_object_ref (ik_bank_find_question (bank, "q2"));
  g_autoptr(IkCompetency) c = g_object_ref (ik_bank_find_competency (bank, "ai-security"));
  g_autoptr(IkQuestion) moved = NULL;
  guint changed = 0;
  guint q1_changed = 0;
  guint q1_text = 0;
  guint q2_changed = 0;
  guint c_changed = 0;
  guint64 version_before = ik_bank_get_version (bank);
  guint64 source_version;

  g_signal_connect (bank, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (q1, "changed", G_CALLBACK (count_cb), &q1_changed);
  g_signal_connect (q1, "notify::text", G_CALLBACK (count_notify_cb), &q1_text);
  g_signal_connect (q2, "changed", G_CALLBACK (count_cb), &q2_changed);
  g_signal_connect (c, "changed", G_CALLBACK (count_cb), &c_changed);

  /* Nothing differs: nothing happens. */
  ik_bank_update_from (bank, source);
  g_assert_cmpuint (changed + q1_changed + q1_text + q2_changed + c_changed, ==, 0);
  g_clear_object (&source);

  /* Several edits at once are one change, and bump nothing. */
  source = load_base ();
  ik_question_set_text (ik_bank_find_question (source, "q1"), "Rewritten elsewhere");
  ik_question_set_areas (ik_bank_find_question (source, "q1"), NULL);
  ik_competency_set_anchor (ik_bank_find_competency (source, "ai-security"), 2, IK_ANCHOR_GENERAL, "Two");
  ik_bank_set_version (source, 40);
  ik_bank_update_from (bank, source);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (q1_changed, ==, 1);
  g_assert_cmpuint (q1_text, ==, 1);
  g_assert_cmpuint (q2_changed, ==, 0);
  g_assert_cmpuint (c_changed, ==, 1);
  g_assert_cmpuint (ik_bank_get_version (bank), ==, 40);
  g_assert_cmpuint (version_before, !=, 40);
  g_assert_cmpstr (ik_question_get_text (q1), ==, "Rewritten elsewhere");
  g_assert_cmpstr (ik_competency_get_anchor (c, 2, IK_ANCHOR_GENERAL), ==, "Two");
  g_clear_object (&source);

  /* A question moved to the front is still the same object, and the
   * source is left without children. */
  source = load_base ();
  moved = g_list_model_get_item (ik_bank_get_questions (source), 1);
  g_list_store_remove (G_LIST_STORE (ik_bank_get_questions (source)), 1);
  g_list_store_insert (G_LIST_STORE (ik_bank_get_questions (source)), 0, moved);
  ik_bank_update_from (bank, source);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (ik_bank_find_question (bank, "q2") == q2);
  g_assert_true (ik_bank_find_question (bank, "q1") == q1);
  {
    g_autoptr(IkQuestion) first = g_list_model_get_item (ik_bank_get_questions (bank), 0);

    g_assert_true (first == q2);
  }
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (source)), ==, 0);

  /* Edits of the children still reach the bank, and only this bank. */
  source_version = ik_bank_get_version (source);
  ik_question_set_text (q2, "Edited in a view");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (ik_bank_get_version (source), ==, source_version);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bank/round-trip", test_round_trip);
  g_test_add_func ("/bank/load", test_load_base);
  g_test_add_func ("/bank/unknown-members", test_unknown_members);
  g_test_add_func ("/bank/bad-members", test_bad_members);
  g_test_add_func ("/bank/bad-documents", test_bad_documents);
  g_test_add_func ("/bank/max-questions", test_max_questions);
  g_test_add_func ("/bank/newer-version", test_newer_version);
  g_test_add_func ("/bank/changed", test_changed);
  g_test_add_func ("/bank/no-bump-while-loading", test_no_bump_while_loading);
  g_test_add_func ("/bank/question-copy", test_question_copy);
  g_test_add_func ("/bank/update-from", test_update_from);
  g_test_add_func ("/bank/update-from-children", test_update_from_children);

  return g_test_run ();
}
