/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Issue 11, case 3: nothing may be written that the next load refuses.
 *
 * Every document here goes through what the library's save does
 * (ik_bank_to_json / ik_session_to_json, ik_json_to_data) and then the
 * check it runs before writing (ik_document_check_*). Each must end one of
 * two ways: saved, and then read back by the load's reader to the same
 * bytes; or refused before writing, with a message, and then the reader
 * refuses it too. Never "written, then refused at the next start".
 */
#include "config.h"

#include <string.h>

#include "ik-bank-export.h"
#include "ik-bank.h"
#include "ik-document.h"
#include "ik-guide-import.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-session.h"
#include "ik-test-util.h"

/* Saving, the way the library does ---------------------------------------- */

typedef struct
{
  JsonNode *(*to_json) (gpointer object);
  GObject  *(*from_json) (JsonNode *root, GError **error);
  gboolean  (*check) (const char *data, gsize len, GError **error);
} DocumentKind;

static const DocumentKind bank_kind = {
  (JsonNode *(*) (gpointer)) ik_bank_to_json,
  (GObject *(*) (JsonNode *, GError **)) ik_bank_new_from_json,
  ik_document_check_bank,
};

static const DocumentKind session_kind = {
  (JsonNode *(*) (gpointer)) ik_session_to_json,
  (GObject *(*) (JsonNode *, GError **)) ik_session_new_from_json,
  ik_document_check_session,
};

static GObject *
load (const DocumentKind  *kind,
      const char          *data,
      gsize                len,
      GError             **error)
{
  g_autoptr(JsonNode) root = ik_json_parse (data, len, NULL, NULL, error);

  return root != NULL ? kind->from_json (root, error) : NULL;
}

/* Returns NULL when saved (and checks that it reads back the same), else
 * the message of the refusal (and checks that the load refuses it). */
static char *
save (const DocumentKind *kind,
      gpointer            object)
{
  g_autoptr(JsonNode) root = kind->to_json (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) loaded = NULL;
  g_autoptr(JsonNode) again_root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  gsize len = 0;
  gsize again_len = 0;

  data = ik_json_to_data (root, &len, &error);
  if (data == NULL)
    {
      /* The writer itself refused: nothing to write. */
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      return g_strdup (error->message);
    }

  if (!kind->check (data, len, &error))
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GObject) refused = NULL;

      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      /* Never stricter than the load: it would refuse it too. */
      refused = load (kind, data, len, &load_error);
      g_assert_null (refused);
      g_assert_nonnull (load_error);
      return g_strdup (error->message);
    }
  g_assert_no_error (error);

  loaded = load (kind, data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* Read back to an equal document: it writes the same bytes again. */
  again_root = kind->to_json (loaded);
  again = ik_json_to_data (again_root, &again_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again_len, ==, len);
  g_assert_true (memcmp (again, data, len) == 0);
  return NULL;
}

static void
assert_saved (const DocumentKind *kind,
              gpointer            object)
{
  g_autofree char *message = save (kind, object);

  if (message != NULL)
    g_error ("refused: %s", message);
}

static void
assert_refused (const DocumentKind *kind,
                gpointer            object,
                const char         *expected)
{
  g_autofree char *message = save (kind, object);

  if (message == NULL)
    g_error ("saved, expected a refusal with “%s”", expected);
  if (strstr (message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", message, expected);
}

static char *
text_of_length (gsize length,
                char  c)
{
  return g_strnfill (length, c);
}

static IkQuestion *
question_new (const char *text)
{
  IkQuestion *q = ik_question_new ();

  ik_question_set_text (q, text);
  return q;
}

static IkSession *
session_with_questions (guint n)
{
  IkSession *session = ik_session_new ();

  ik_session_set_candidate_name (session, "Ada");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) q = question_new ("Tell me about a hard bug.");

      g_assert_nonnull (ik_session_add_question (session, q));
    }
  return session;
}

static IkQuestionRecord *
record_at (IkSession *session,
           guint      position)
{
  g_autoptr(IkQuestionRecord) record = g_list_model_get_item (ik_session_get_records (session), position);

  return record;   /* owned by the session */
}

/* The cases named in the issue, each at and just past its limit ----------- */

static void
test_notes (void)
{
  g_autoptr(IkSession) session = session_with_questions (3);
  g_autofree char *max = text_of_length (IK_LIMIT_TEXT_LENGTH, 'n');
  g_autofree char *over = text_of_length (IK_LIMIT_TEXT_LENGTH + 1, 'n');

  ik_question_record_set_notes (record_at (session, 2), max);
  assert_saved (&session_kind, session);

  ik_question_record_set_notes (record_at (session, 2), over);
  assert_refused (&session_kind, session, "The notes of question 3 are longer than 1.0\u00a0MiB");
}

static void
test_areas (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Areas");
  g_autoptr(IkQuestion) q = question_new ("Design a rate limiter.");
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(IkSession) session = NULL;

  for (guint i = 0; i < IK_LIMIT_QUESTION_LIST_LENGTH; i++)
    g_ptr_array_add (areas, g_strdup_printf ("Area %u", i));
  g_ptr_array_add (areas, NULL);
  ik_question_set_areas (q, (const char * const *) areas->pdata);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q);
  assert_saved (&bank_kind, bank);

  session = ik_session_new ();
  g_assert_nonnull (ik_session_add_question (session, q));
  assert_saved (&session_kind, session);

  g_ptr_array_remove_index (areas, areas->len - 1);
  g_ptr_array_add (areas, g_strdup ("One too many"));
  g_ptr_array_add (areas, NULL);
  ik_question_set_areas (q, (const char * const *) areas->pdata);
  assert_refused (&bank_kind, bank, "Question 1 has more than");
  assert_refused (&bank_kind, bank, "areas to cover");

  g_clear_object (&session);
  session = ik_session_new ();
  g_assert_nonnull (ik_session_add_question (session, q));
  assert_refused (&session_kind, session, "Question 1 has more than");
}

static void
test_questions (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Many");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(IkQuestion) extra = question_new ("One too many");

  for (guint i = 0; i < IK_LIMIT_BANK_ITEMS; i++)
    g_ptr_array_add (items, ik_question_new ());
  g_list_store_splice (G_LIST_STORE (ik_bank_get_questions (bank)), 0, 0, items->pdata, items->len);
  assert_saved (&bank_kind, bank);

  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), extra);
  assert_refused (&bank_kind, bank, "The bank has more than");
}

/* A bank at the question limit with questions of a realistic size fits the
 * file cap: the two limits agree. */
static void
test_questions_fit_file (void)
{
  static const char * const areas[] = {
    "Explains the threat model and who the attacker is",
    "Names concrete mitigations and their trade-offs",
    "Describes how the outcome was measured",
    "Mentions what they would do differently",
    NULL
  };
  static const char * const follow_ups[] = {
    "What did you try first, and why did it not work?",
    "Who disagreed with you, and how did you settle it?",
    NULL
  };
  static const char * const competencies[] = { "ai-security", "communication", NULL };
  static const char * const tags[] = { "security", "llm", NULL };
  g_autoptr(IkBank) bank = ik_bank_new ("Realistic");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  for (guint i = 0; i < IK_LIMIT_BANK_ITEMS; i++)
    {
      IkQuestion *q = question_new ("Tell me about a time you found a prompt injection in a "
                                    "production system. How did you find it, how bad was it, "
                                    "and what did you change so that it could not happen again?");

      ik_question_set_areas (q, areas);
      ik_question_set_follow_ups (q, follow_ups);
      ik_question_set_competencies (q, competencies);
      ik_question_set_tags (q, tags);
      ik_question_set_minutes (q, 15);
      g_ptr_array_add (items, q);
    }
  g_list_store_splice (G_LIST_STORE (ik_bank_get_questions (bank)), 0, 0, items->pdata, items->len);

  root = ik_bank_to_json (bank);
  data = ik_json_to_data (root, &len, NULL);
  g_assert_nonnull (data);
  g_assert_cmpuint (len, >, 4 * 1024 * 1024);   /* refused by the old 4 MiB cap */
  assert_saved (&bank_kind, bank);
}

static void
test_description (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Intro");
  g_autofree char *mb = text_of_length (1000 * 1000, 'd');
  g_autofree char *over = text_of_length (IK_LIMIT_TEXT_LENGTH + 1, 'd');

  ik_bank_set_description (bank, mb);
  assert_saved (&bank_kind, bank);
  ik_bank_set_description (bank, over);
  assert_refused (&bank_kind, bank, "The description is longer than 1.0\u00a0MiB");
}

/* A guide whose introduction is longer than a text may be: the import
 * refuses it, where it used to make a bank that was saved and then lost. */
static void
test_guide_introduction (void)
{
  g_autoptr(GString) guide = g_string_new ("Interview Questions for Long Intros\n\n");
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = NULL;

  while (guide->len < IK_LIMIT_TEXT_LENGTH + 1024)
    g_string_append (guide, "This guide helps you hire well, one long sentence at a time. ");
  g_string_append (guide, "\n\nInterview Questions\n\nWhat is a hash table?\n"
                          "Areas to Cover:\n- Collisions\n");

  bank = ik_bank_import_file_contents (guide->str, guide->len, "long.txt", &warnings, &error);
  g_assert_null (bank);
  g_assert_null (warnings);
  g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "The description is longer than 1.0\u00a0MiB"));
}

static void
test_amendments (void)
{
  g_autoptr(IkSession) session = session_with_questions (1);
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *revisions;
  g_autofree char *data = NULL;
  gsize len = 0;

  for (guint i = 0; i < IK_LIMIT_SCORECARD_REVISIONS; i++)
    {
      g_assert_true (ik_scorecard_submit (scorecard, NULL));
      g_assert_true (ik_scorecard_amend (scorecard, "Typo in the summary", &error));
      g_assert_no_error (error);
    }
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  g_assert_false (ik_scorecard_amend (scorecard, "One more", &error));
  g_assert_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_LIMIT);
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  assert_saved (&session_kind, session);

  /* A file with one more (another version, or edited by hand) is named. */
  root = ik_session_to_json (session);
  revisions = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root),
                                                                           "scorecard"),
                                            "revisions");
  json_array_add_element (revisions, json_node_copy (json_array_get_element (revisions, 0)));
  data = ik_json_to_data (root, &len, NULL);
  g_clear_error (&error);
  g_assert_false (ik_document_check_session (data, len, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The scorecard has more than 1000 amendments");
}

static void
test_dates (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Old");
  g_autoptr(IkSession) session = session_with_questions (1);
  g_autoptr(GTimeZone) east = g_time_zone_new_offset (14 * 3600);
  g_autoptr(GDateTime) y202 = g_date_time_new_utc (202, 6, 1, 0, 0, 0);
  g_autoptr(GDateTime) y1 = g_date_time_new (east, 1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) y999 = g_date_time_new_utc (999, 12, 31, 23, 59, 59.5);
  g_autoptr(GDateTime) y9999 = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);

  ik_bank_set_created (bank, y202);
  ik_bank_set_modified (bank, y999);
  assert_saved (&bank_kind, bank);

  ik_session_set_scheduled (session, y202);
  ik_session_set_keep_until (session, y9999);
  g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (session), y1));
  assert_saved (&session_kind, session);
}

/* The file cap is itself a limit: one text at its limit always fits, even
 * when every byte must be escaped; several may not, and are refused. */
static void
test_file_size (void)
{
  g_autoptr(IkSession) session = session_with_questions (3);
  g_autofree char *escaped = text_of_length (IK_LIMIT_TEXT_LENGTH, '\x1f');
  g_autofree char *message = NULL;

  ik_question_record_set_notes (record_at (session, 0), escaped);
  assert_saved (&session_kind, session);

  ik_question_record_set_notes (record_at (session, 1), escaped);
  ik_question_record_set_notes (record_at (session, 2), escaped);
  message = save (&session_kind, session);
  g_assert_nonnull (message);
  if (strstr (message, "too large") == NULL)
    g_error ("%s", message);
}

/* The check alone, on bytes: the size cap and a parse error. */
static void
test_check_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_malloc0 (IK_LIMIT_FILE_SIZE + 1);

  g_assert_false (ik_document_check_session (big, IK_LIMIT_FILE_SIZE + 1, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "The interview is too large to save"));
  g_clear_error (&error);

  g_assert_false (ik_document_check_bank ("{\"a\":1,\"\\u0061\":2}", 18, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Duplicate member name"));
  g_clear_error (&error);

  g_assert_false (ik_document_check_bank ("{\"format\": \"interview-kit/session\"}", 35, &error));
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT);
}

/* Odd objects, built at random ------------------------------------------- */

static const gunichar odd_chars[] = {
  'a', 'Z', ' ', '"', '\\', '/', '\n', '\r', '\t', 0x01, 0x08, 0x0C, 0x1F, 0x7F,
  0xE9, 0x05D0, 0x0627, 0x202E, 0x200F, 0x2028, 0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF,
};

static gsize
random_length (void)
{
  switch (g_test_rand_int_range (0, 50))
    {
    case 0:
      return IK_LIMIT_TEXT_LENGTH - g_test_rand_int_range (0, 2);
    case 1:
      return IK_LIMIT_TEXT_LENGTH + 1;
    case 2: case 3: case 4:
      return 0;
    case 5:
      return g_test_rand_int_range (1000, 100000);
    default:
      return g_test_rand_int_range (1, 60);
    }
}

/* Exactly @length bytes of valid UTF-8 (padded with ASCII). */
static char *
random_text (gsize length)
{
  GString *s = g_string_sized_new (length + 8);
  g_autoptr(GString) chunk = g_string_new (NULL);
  guint chunk_chars = g_test_rand_int_range (1, 40);

  /* A random chunk repeated: long strings stay cheap to build. */
  for (guint i = 0; i < chunk_chars; i++)
    g_string_append_unichar (chunk, odd_chars[g_test_rand_int_range (0, G_N_ELEMENTS (odd_chars))]);
  while (s->len + chunk->len <= length)
    g_string_append_len (s, chunk->str, chunk->len);
  while (s->len < length)
    g_string_append_c (s, 'x');
  return g_string_free (s, FALSE);
}

static GStrv
random_list (void)
{
  guint n;
  GStrv v;

  switch (g_test_rand_int_range (0, 40))
    {
    case 0:
      n = IK_LIMIT_QUESTION_LIST_LENGTH;
      break;
    case 1:
      n = IK_LIMIT_QUESTION_LIST_LENGTH + 1;
      break;
    default:
      n = g_test_rand_int_range (0, 5);
      break;
    }
  v = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    v[i] = random_text (n > 10 ? 3 : random_length ());
  return v;
}

static GDateTime *
random_time (void)
{
  static const int years[] = { 1, 202, 999, 1000, 1970, 2026, 9998, 9999 };
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (g_test_rand_int_range (-12, 15) * 3600
                                                    + g_test_rand_int_range (0, 2) * 1800);
  int year = years[g_test_rand_int_range (0, G_N_ELEMENTS (years))];
  /* Keep clear of the ends, where the offset would leave year 1..9999. */
  int month = year == 1 || year == 9999 ? 6 : g_test_rand_int_range (1, 13);
  double seconds = g_test_rand_int_range (0, 60) + g_test_rand_int_range (0, 2) * 0.25;

  return g_date_time_new (tz, year, month, g_test_rand_int_range (1, 29),
                          g_test_rand_int_range (0, 24), g_test_rand_int_range (0, 60), seconds);
}

static IkQuestion *
random_question (void)
{
  g_autofree char *text = random_text (random_length ());
  IkQuestion *q = question_new (text);
  g_auto(GStrv) areas = random_list ();
  g_auto(GStrv) follow_ups = random_list ();
  g_auto(GStrv) tags = random_list ();
  static const char * const competencies[] = { "ai-security", "communication", NULL };

  ik_question_set_areas (q, (const char * const *) areas);
  ik_question_set_follow_ups (q, (const char * const *) follow_ups);
  ik_question_set_tags (q, (const char * const *) tags);
  if (g_test_rand_bit ())
    ik_question_set_competencies (q, competencies);
  ik_question_set_minutes (q, g_test_rand_int_range (0, IK_LIMIT_QUESTION_MINUTES + 1));
  return q;
}

static IkBank *
random_bank (void)
{
  g_autofree char *title = random_text (random_length ());
  g_autofree char *description = random_text (random_length ());
  IkBank *bank = ik_bank_new (title);
  g_autoptr(GDateTime) created = random_time ();
  g_autoptr(GDateTime) modified = random_time ();
  guint n = g_test_rand_int_range (0, 100) == 0
               ? IK_LIMIT_BANK_ITEMS + (guint) g_test_rand_int_range (0, 2)
               : (guint) g_test_rand_int_range (0, 6);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  ik_bank_set_description (bank, description);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, n > 100 ? ik_question_new () : random_question ());
  g_list_store_splice (G_LIST_STORE (ik_bank_get_questions (bank)), 0, 0, items->pdata, items->len);

  for (guint i = 0, m = g_test_rand_int_range (0, 3); i < m; i++)
    {
      g_autofree char *id = g_strdup_printf ("competency-%u", i);
      g_autofree char *name = random_text (random_length ());
      g_autofree char *anchor = random_text (random_length ());
      g_autoptr(IkCompetency) c = ik_competency_new (id, name);

      ik_competency_set_anchor (c, g_test_rand_int_range (1, 5), IK_ANCHOR_GENERAL, anchor);
      g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), c);
    }
  for (guint i = 0, m = g_test_rand_int_range (0, 3); i < m; i++)
    {
      g_autofree char *question = random_text (random_length ());
      g_autofree char *answer = random_text (random_length ());
      g_autoptr(IkGuidance) g = ik_guidance_new (question, answer);

      g_list_store_append (G_LIST_STORE (ik_bank_get_guidance (bank)), g);
    }

  /* Last: editing the bank above moves modified to now. */
  ik_bank_set_created (bank, created);
  ik_bank_set_modified (bank, modified);
  return bank;
}

static IkSession *
random_session (void)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autofree char *name = random_text (random_length ());
  g_autofree char *role = random_text (random_length ());
  g_autofree char *summary = random_text (random_length ());
  g_autoptr(GDateTime) scheduled = random_time ();
  g_autoptr(GDateTime) keep_until = random_time ();
  g_autoptr(GDateTime) submitted = random_time ();
  guint n = g_test_rand_int_range (0, 100) == 0 ? IK_LIMIT_SESSION_RECORDS
                                                 : (guint) g_test_rand_int_range (0, 4);

  ik_session_set_candidate_name (session, name);
  ik_session_set_role (session, role);
  ik_session_set_scheduled (session, scheduled);
  ik_session_set_keep_until (session, keep_until);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IkQuestion) q = n > 10 ? ik_question_new () : random_question ();
      IkQuestionRecord *record = ik_session_add_question (session, q);
      g_autofree char *notes = random_text (n > 10 ? 3 : random_length ());

      g_assert_nonnull (record);
      ik_question_record_set_notes (record, notes);
      if (ik_question_record_get_n_areas (record) > 0)
        ik_question_record_set_area_covered (record, 0, TRUE);
    }
  ik_session_ensure_scorecard_ratings (session, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (ik_scorecard_get_ratings (scorecard)); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ik_scorecard_get_ratings (scorecard), i);
      g_autofree char *evidence = random_text (random_length ());

      ik_competency_rating_set_rating (rating, g_test_rand_int_range (1, IK_RATING_MAX + 1));
      ik_competency_rating_set_evidence (rating, evidence);
    }
  ik_scorecard_set_summary (scorecard, summary);
  for (guint i = 0, m = g_test_rand_int_range (0, 3); i < m; i++)
    {
      g_autofree char *reason = random_text (random_length ());

      g_assert_true (ik_scorecard_submit (scorecard, submitted));
      /* A blank or too long reason is refused by the model itself. */
      if (!ik_scorecard_amend (scorecard, reason, NULL))
        break;
    }
  return session;
}

static void
test_random (void)
{
  guint saved = 0;
  guint refused = 0;

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(IkBank) bank = random_bank ();
      g_autoptr(IkSession) session = random_session ();
      g_autofree char *bank_message = save (&bank_kind, bank);
      g_autofree char *session_message = save (&session_kind, session);

      if (bank_message != NULL)
        g_test_message ("refused: %s", bank_message);
      if (session_message != NULL)
        g_test_message ("refused: %s", session_message);
      if (bank_message != NULL)
        refused++;
      else
        saved++;
      if (session_message != NULL)
        refused++;
      else
        saved++;
    }
  /* Both ends are exercised. */
  g_assert_cmpuint (saved, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/limits/notes", test_notes);
  g_test_add_func ("/limits/areas", test_areas);
  g_test_add_func ("/limits/questions", test_questions);
  g_test_add_func ("/limits/questions-fit-file", test_questions_fit_file);
  g_test_add_func ("/limits/description", test_description);
  g_test_add_func ("/limits/guide-introduction", test_guide_introduction);
  g_test_add_func ("/limits/amendments", test_amendments);
  g_test_add_func ("/limits/dates", test_dates);
  g_test_add_func ("/limits/file-size", test_file_size);
  g_test_add_func ("/limits/check-bytes", test_check_bytes);
  g_test_add_func ("/limits/random", test_random);

  return g_test_run ();
}
