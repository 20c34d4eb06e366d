/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scorecard exports: content, escaping, formula neutralisation, options. */
#include "config.h"

#include <string.h>

#include "ik-json.h"
#include "ik-scorecard-export.h"
#include "ik-test-util.h"

#define NAME "Ada Quill"
#define EVIL_NOTE "<script>alert(1)</script> see [x](javascript:alert(2)) and <img src=x onerror=alert(3)>"

static const IkExportOptions all_in = { TRUE, FALSE };
/* The library's secret, fixed for the tests (ik-pseudonym-key.h). */
static const guchar test_key[32] = { 0x13, 0x37, 0x42 };
static IkExportOptions private_out = { FALSE, TRUE, NULL };

static IkBank *
make_bank (void)
{
  IkBank *bank = ik_bank_new ("Test bank");
  g_autoptr(IkCompetency) design = ik_competency_new ("design", "Threat modelling");
  g_autoptr(IkCompetency) talk = ik_competency_new ("talk", "Explaining trade-offs");
  g_autoptr(IkQuestion) q1 = ik_question_new ();
  g_autoptr(IkQuestion) q2 = ik_question_new ();
  const char *areas[] = { "Data poisoning", "Prompt injection", "Model theft", NULL };
  const char *c1[] = { "design", NULL };
  const char *c2[] = { "talk", "design", NULL };

  for (guint level = 1; level <= 4; level++)
    {
      g_autofree char *text = g_strdup_printf ("General anchor %u", level);
      ik_competency_set_anchor (design, level, IK_ANCHOR_GENERAL, text);
      ik_competency_set_anchor (talk, level, IK_ANCHOR_GENERAL, text);
    }
  ik_competency_set_anchor (design, 3, IK_SENIORITY_SENIOR, "Names attack surfaces unprompted");
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), design);
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), talk);

  ik_question_set_text (q1, "Walk me through securing a retrieval pipeline.");
  ik_question_set_areas (q1, areas);
  ik_question_set_competencies (q1, c1);
  ik_question_set_text (q2, "Tell me about a risk you accepted.");
  ik_question_set_competencies (q2, c2);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q1);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q2);
  return bank;
}

static IkCompetencyRating *
ensure_rating (IkScorecard *scorecard,
               const char  *id,
               const char  *name)
{
  IkCompetencyRating *rating = ik_scorecard_find_rating (scorecard, id);

  if (rating == NULL)
    {
      g_autoptr(IkCompetencyRating) fresh = ik_competency_rating_new (id, name);

      g_assert_true (ik_scorecard_add_rating (scorecard, fresh));
      rating = ik_scorecard_find_rating (scorecard, id);
    }
  g_assert_nonnull (rating);
  return rating;
}

static IkSession *
make_session (IkBank *bank)
{
  IkSession *session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 20, 9, 30, 0);
  g_autoptr(IkQuestion) q1 = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_autoptr(IkQuestion) q2 = g_list_model_get_item (ik_bank_get_questions (bank), 1);
  IkQuestionRecord *r1;
  IkQuestionRecord *r2;
  IkCompetencyRating *design;
  IkCompetencyRating *talk;
  const char *sources[] = { ik_question_get_id (q1), NULL };

  ik_session_set_candidate_name (session, NAME);
  g_assert_true (ik_session_set_candidate_id (session, "cand-0042"));
  ik_session_set_role (session, "ML Platform Engineer");
  ik_session_set_seniority (session, IK_SENIORITY_SENIOR);
  ik_session_set_interviewer (session, "Sam Ortega");
  ik_session_set_scheduled (session, when);
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));

  r1 = ik_session_add_question (session, q1);
  r2 = ik_session_add_question (session, q2);
  g_assert_nonnull (r1);
  g_assert_nonnull (r2);
  ik_question_record_set_area_covered (r1, 1, TRUE);
  ik_question_record_set_notes (r1, "PRIVATE-NOTE " NAME " said: " EVIL_NOTE);
  ik_question_record_set_notes (r2, "Second private note");
  ik_question_record_set_rating (r1, 3);

  ik_session_ensure_scorecard_ratings (session, bank);
  design = ensure_rating (scorecard, "design", "Threat modelling");
  talk = ensure_rating (scorecard, "talk", "Explaining trade-offs");
  g_assert_true (ik_competency_rating_set_rating (design, 3));
  g_assert_true (ik_competency_rating_set_evidence (design, "=HYPERLINK(\"http://x\") " EVIL_NOTE));
  g_assert_true (ik_competency_rating_set_evidence_questions (design, sources));
  g_assert_true (ik_competency_rating_set_rating (talk, IK_RATING_NOT_ASSESSED));
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));
  g_assert_true (ik_scorecard_set_summary (scorecard, "Solid on threats; " NAME " was calm.\n- second line"));
  return session;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
assert_no_ci (const char *haystack,
              const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);

  if (strstr (lower, needle) != NULL)
    g_error ("found “%s” in export:\n%s", needle, haystack);
}

static void
test_formats (void)
{
  IkExportFormat format = IK_EXPORT_FORMAT_PDF;

  g_assert_true (ik_export_format_from_name ("markdown", &format));
  g_assert_cmpint (format, ==, IK_EXPORT_FORMAT_MARKDOWN);
  g_assert_true (ik_export_format_from_name ("MD", &format));
  g_assert_cmpint (format, ==, IK_EXPORT_FORMAT_MARKDOWN);
  g_assert_true (ik_export_format_from_name ("pdf", &format));
  g_assert_cmpint (format, ==, IK_EXPORT_FORMAT_PDF);
  g_assert_true (ik_export_format_from_name ("csv", &format));
  g_assert_cmpint (format, ==, IK_EXPORT_FORMAT_CSV);
  g_assert_false (ik_export_format_from_name ("docx", &format));
  g_assert_false (ik_export_format_from_name (NULL, &format));
  g_assert_cmpstr (ik_export_format_get_extension (IK_EXPORT_FORMAT_MARKDOWN), ==, "md");
  g_assert_cmpstr (ik_export_format_get_mime_type (IK_EXPORT_FORMAT_HTML), ==, "text/html");
}

static void
test_pseudonym (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autofree char *a = ik_export_pseudonym (private_out.pseudonym_key, "cand-0042");
  g_autofree char *b = ik_export_pseudonym (private_out.pseudonym_key, "cand-0042");
  g_autofree char *c = ik_export_pseudonym (private_out.pseudonym_key, "cand-0043");
  g_autofree char *label = NULL;
  g_autofree char *real = NULL;
  g_autofree char *file = NULL;

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_true (g_str_has_prefix (a, "Candidate "));
  /* 64 bits, as four groups of four upper-case hexadecimal digits. */
  g_assert_cmpuint (strlen (a), ==, strlen ("Candidate ") + 19);
  for (const char *p = a + strlen ("Candidate "); *p != '\0'; p++)
    if ((p - a - strlen ("Candidate ")) % 5 == 4)
      g_assert_cmpint (*p, ==, '-');
    else
      g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_islower (*p));

  /* Derived from the id, not the name: renaming keeps the pseudonym. */
  label = ik_export_candidate_label (session, &private_out);
  g_assert_cmpstr (label, ==, a);
  ik_session_set_candidate_name (session, "Someone Else");
  g_clear_pointer (&label, g_free);
  label = ik_export_candidate_label (session, &private_out);
  g_assert_cmpstr (label, ==, a);
  real = ik_export_candidate_label (session, &all_in);
  g_assert_cmpstr (real, ==, "Someone Else");

  file = ik_export_default_filename (session, &all_in, IK_EXPORT_FORMAT_PDF);
  g_assert_cmpstr (file, ==, "Someone-Else-2026-11-20.pdf");
}

static void
test_uncovered_areas (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autoptr(GPtrArray) design = ik_export_uncovered_areas (session, "design");
  g_autoptr(GPtrArray) talk = ik_export_uncovered_areas (session, "talk");

  g_assert_cmpuint (design->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (design, 0), ==, "Data poisoning");
  g_assert_cmpstr (g_ptr_array_index (design, 1), ==, "Model theft");
  g_assert_cmpuint (talk->len, ==, 0);
}

/* The first session, plus a skipped question and one assessing both
 * competencies, with everything marked in the room. */
static IkSession *
make_marked_session (IkBank *bank)
{
  IkSession *session = make_session (bank);
  GListModel *records = ik_session_get_records (session);
  g_autoptr(IkQuestionRecord) r1 = g_list_model_get_item (records, 0);
  g_autoptr(IkQuestionRecord) r2 = g_list_model_get_item (records, 1);
  g_autoptr(IkQuestion) q3 = ik_question_new ();
  g_autoptr(IkQuestion) q4 = ik_question_new ();
  const char *areas3[] = { "Supply chain", NULL };
  const char *areas4[] = { "Audit logs", "Asked " NAME " about key rotation", "Audit logs", NULL };
  const char *c3[] = { "design", NULL };
  const char *c4[] = { "talk", "design", NULL };
  IkQuestionRecord *r3;
  IkQuestionRecord *r4;

  ik_question_set_text (q3, "How do you vet a dependency?");
  ik_question_set_areas (q3, areas3);
  ik_question_set_competencies (q3, c3);
  ik_question_set_text (q4, "How would you explain a breach to the board?");
  ik_question_set_areas (q4, areas4);
  ik_question_set_competencies (q4, c4);
  r3 = ik_session_add_question (session, q3);
  r4 = ik_session_add_question (session, q4);
  g_assert_nonnull (r3);
  g_assert_nonnull (r4);

  ik_question_record_set_star (r1, IK_STAR_SITUATION | IK_STAR_ACTION);
  ik_question_record_set_no_experience (r2, TRUE);
  ik_question_record_set_skipped (r3, TRUE);
  ik_question_record_set_star (r4, IK_STAR_ALL);
  ik_question_record_set_area_covered (r4, 1, TRUE);
  return session;
}

static void
test_question_marks (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_marked_session (bank);
  GListModel *records = ik_session_get_records (session);
  g_autoptr(IkQuestionRecord) r1 = g_list_model_get_item (records, 0);
  g_autoptr(IkQuestionRecord) r2 = g_list_model_get_item (records, 1);
  g_autoptr(IkQuestionRecord) r3 = g_list_model_get_item (records, 2);
  g_autoptr(IkQuestionRecord) r4 = g_list_model_get_item (records, 3);
  g_autoptr(GPtrArray) m1 = ik_export_question_marks (session, &all_in, r1);
  g_autoptr(GPtrArray) m2 = ik_export_question_marks (session, &all_in, r2);
  g_autoptr(GPtrArray) m3 = ik_export_question_marks (session, &all_in, r3);
  g_autoptr(GPtrArray) m4 = ik_export_question_marks (session, &private_out, r4);
  g_autoptr(GPtrArray) design = ik_export_uncovered_areas (session, "design");
  g_autoptr(GPtrArray) talk = ik_export_uncovered_areas (session, "talk");
  g_autofree char *pseudonym = ik_export_pseudonym (private_out.pseudonym_key, "cand-0042");
  g_autofree char *covered = g_strdup_printf ("Areas covered: 1 of 3 (Asked %s about key rotation)", pseudonym);

  g_assert_cmpuint (m1->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (m1, 0), ==, "Areas covered: 1 of 3 (Prompt injection)");
  g_assert_cmpstr (g_ptr_array_index (m1, 1), ==, "STAR heard: Situation, Action; missing: Task, Result");
  /* No experience, nothing heard: the gap is said, not a STAR failure. */
  g_assert_cmpuint (m2->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (m2, 0), ==, "Areas covered: 0 of 0");
  g_assert_cmpstr (g_ptr_array_index (m2, 1), ==, "No direct experience: a gap to probe elsewhere, not a fail");
  g_assert_cmpuint (m3->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (m3, 0), ==, "Skipped: this question was not asked");
  g_assert_cmpuint (m4->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (m4, 0), ==, covered);
  g_assert_cmpstr (g_ptr_array_index (m4, 1), ==, "STAR heard: Situation, Task, Action, Result; missing: none");

  /* The skipped question's area is not listed; the areas of the question
   * assessing both competencies are listed once, under the first. */
  g_assert_cmpuint (design->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (design, 0), ==, "Data poisoning");
  g_assert_cmpstr (g_ptr_array_index (design, 1), ==, "Model theft");
  g_assert_cmpuint (talk->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (talk, 0), ==, "Audit logs");
}

/* Every text format carries the marks of each question, and lists each
 * unprobed area once. */
static void
test_marks_in_formats (void)
{
  static const IkExportFormat text_formats[] = {
    IK_EXPORT_FORMAT_HTML, IK_EXPORT_FORMAT_MARKDOWN, IK_EXPORT_FORMAT_CSV,
  };
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_marked_session (bank);

  for (guint f = 0; f < G_N_ELEMENTS (text_formats); f++)
    for (guint pass = 0; pass < 2; pass++)
      {
        const IkExportOptions *options = pass == 0 ? &all_in : &private_out;
        g_autoptr(GError) error = NULL;
        g_autofree char *data = ik_scorecard_export (session, bank, options, text_formats[f], NULL, &error);
        g_autofree char *star = NULL;

        g_assert_no_error (error);
        if (text_formats[f] == IK_EXPORT_FORMAT_MARKDOWN)
          star = ik_markdown_escape ("STAR heard: Situation, Action; missing: Task, Result");
        else
          star = g_strdup ("STAR heard: Situation, Action; missing: Task, Result");
        g_assert_nonnull (strstr (data, "Skipped: this question was not asked"));
        g_assert_nonnull (strstr (data, "No direct experience: a gap to probe elsewhere, not a fail"));
        g_assert_nonnull (strstr (data, star));
        g_assert_nonnull (strstr (data, "missing: none"));
        g_assert_nonnull (strstr (data, "Areas covered: 1 of 3"));
        g_assert_nonnull (strstr (data, "Prompt injection"));
        /* Unprobed areas once, and none of the skipped question. */
        g_assert_cmpuint (count (data, "Data poisoning"), ==, 1);
        g_assert_cmpuint (count (data, "Audit logs"), ==, 1);
        g_assert_null (strstr (data, "Supply chain"));
        if (pass == 1)
          g_assert_null (strstr (data, NAME));
        else
          g_assert_nonnull (strstr (data, "key rotation"));
      }
}

/* The JSON export is the session document: the marks are its members. */
static void
test_marks_in_json (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_marked_session (bank);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *data = ik_scorecard_export_json (session, &private_out, &length, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) back = NULL;
  g_autoptr(IkQuestionRecord) r1 = NULL;
  g_autoptr(IkQuestionRecord) r2 = NULL;
  g_autoptr(IkQuestionRecord) r3 = NULL;
  g_autoptr(IkQuestionRecord) r4 = NULL;

  g_assert_no_error (error);
  g_assert_null (strstr (data, NAME));
  root = ik_json_parse (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  back = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  r1 = g_list_model_get_item (ik_session_get_records (back), 0);
  r2 = g_list_model_get_item (ik_session_get_records (back), 1);
  r3 = g_list_model_get_item (ik_session_get_records (back), 2);
  r4 = g_list_model_get_item (ik_session_get_records (back), 3);
  g_assert_cmpint (ik_question_record_get_star (r1), ==, IK_STAR_SITUATION | IK_STAR_ACTION);
  g_assert_true (ik_question_record_get_no_experience (r2));
  g_assert_true (ik_question_record_get_skipped (r3));
  g_assert_false (ik_question_record_get_skipped (r4));
  g_assert_true (ik_question_record_get_area_covered (r4, 1));
  g_assert_cmpuint (ik_question_record_get_n_areas_covered (r4), ==, 1);
}

static void
test_anchor (void)
{
  g_autoptr(IkBank) bank = make_bank ();

  g_assert_cmpstr (ik_export_anchor (bank, "design", 3, IK_SENIORITY_SENIOR), ==,
                   "Names attack surfaces unprompted");
  g_assert_cmpstr (ik_export_anchor (bank, "design", 3, IK_SENIORITY_JUNIOR), ==, "General anchor 3");
  g_assert_null (ik_export_anchor (bank, "design", IK_RATING_NOT_ASSESSED, IK_SENIORITY_SENIOR));
  g_assert_null (ik_export_anchor (bank, "missing", 2, IK_SENIORITY_SENIOR));
  g_assert_null (ik_export_anchor (NULL, "design", 2, IK_SENIORITY_SENIOR));
}

static void
test_html (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 21, 8, 0, 0);
  g_autofree char *html = NULL;
  g_autofree char *without = NULL;

  g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (session), when));
  html = ik_scorecard_export_html (session, bank, &all_in);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  /* Nothing typed by the user became markup. */
  assert_no_ci (html, "<script");
  assert_no_ci (html, "<img");
  assert_no_ci (html, "href=\"javascript");
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "onerror=alert(3)&gt;"));
  /* Self-contained: no external resource of any kind. */
  assert_no_ci (html, "<link");
  assert_no_ci (html, "src=\"");
  assert_no_ci (html, "<iframe");
  assert_no_ci (html, "url(");

  g_assert_nonnull (strstr (html, NAME));
  g_assert_nonnull (strstr (html, "ML Platform Engineer"));
  g_assert_nonnull (strstr (html, "Sam Ortega"));
  g_assert_nonnull (strstr (html, "Threat modelling"));
  g_assert_nonnull (strstr (html, "3 of 4"));
  g_assert_nonnull (strstr (html, "Names attack surfaces unprompted"));
  g_assert_nonnull (strstr (html, "Not assessed"));
  g_assert_nonnull (strstr (html, "Data poisoning"));
  g_assert_nonnull (strstr (html, "href=\"#question-1\""));
  g_assert_nonnull (strstr (html, "id=\"question-1\""));
  g_assert_nonnull (strstr (html, ik_scorecard_get_seal (ik_session_get_scorecard (session))));
  g_assert_nonnull (strstr (html, "PRIVATE-NOTE"));
  g_assert_nonnull (strstr (html, ">Yes<"));

  without = ik_scorecard_export_html (session, bank, &private_out);
  g_assert_null (strstr (without, "PRIVATE-NOTE"));
  g_assert_null (strstr (without, "Second private note"));
  g_assert_null (strstr (without, NAME));
  g_assert_nonnull (strstr (without, "Candidate "));
  /* Evidence stays: it is the justification of the rating, not a note. */
  g_assert_nonnull (strstr (without, "HYPERLINK"));
}

static void
test_markdown_escape (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain text", "plain text" },
    { "[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)" },
    { "<script>", "&lt;script&gt;" },
    { "a & b", "a &amp; b" },
    { "# heading", "\\# heading" },
    { "- item", "\\- item" },
    { "well-known", "well-known" },
    { "12. point", "12\\. point" },
    { "12 points.", "12 points." },
    { "    code", "code" },
    { "*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`" },
    { "line one\nline two", "line one\\\nline two" },
    { "![img](x)", "\\!\\[img\\]\\(x\\)" },
    { "a | b", "a \\| b" },
    { "back\\slash", "back\\\\slash" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = ik_markdown_escape (cases[i].in);
      g_assert_cmpstr (escaped, ==, cases[i].out);
    }
}

static void
test_markdown (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autofree char *md = ik_scorecard_export_markdown (session, bank, &all_in);
  g_autofree char *without = ik_scorecard_export_markdown (session, bank, &private_out);

  g_assert_true (g_str_has_prefix (md, "# Scorecard: " NAME));
  assert_no_ci (md, "<script");
  assert_no_ci (md, "<img");
  g_assert_null (strstr (md, "](javascript:"));
  g_assert_nonnull (strstr (md, "\\]\\(javascript:"));
  g_assert_nonnull (strstr (md, "&lt;script&gt;"));
  g_assert_nonnull (strstr (md, "Names attack surfaces unprompted"));
  g_assert_nonnull (strstr (md, "PRIVATE-NOTE"));
  /* The summary's “- second line” stays text, not a list item. */
  g_assert_nonnull (strstr (md, "> \\- second line"));
  g_assert_nonnull (strstr (md, "- Data poisoning"));

  g_assert_null (strstr (without, "PRIVATE-NOTE"));
  g_assert_null (strstr (without, NAME));
}

/* A small RFC 4180 reader, to check what a spreadsheet would see. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      g_assert_true (*p == '"');
      for (p++;; p++)
        {
          g_assert_true (*p != '\0');
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p++;
            }
          else if (*p == '"')
            break;
          else
            g_string_append_c (cell, *p);
        }
      p++;
      g_ptr_array_add (row, g_string_free (cell, FALSE));
      cell = g_string_new (NULL);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (cell, TRUE);
  return rows;
}

static int
column (GPtrArray  *header,
        const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return i;
  g_error ("no column %s", name);
  return -1;
}

static void
test_csv_cells (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain", "\"plain\"" },
    { "=1+1", "\"'=1+1\"" },
    { "+1", "\"'+1\"" },
    { "-1", "\"'-1\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tx", "\"'\tx\"" },
    { "\rx", "\"'\rx\"" },
    { "a=1", "\"a=1\"" },
    { "say \"hi\", ok", "\"say \"\"hi\"\", ok\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "", "\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = ik_csv_escape_cell (cases[i].in);
      g_assert_cmpstr (cell, ==, cases[i].out);
    }
}

static void
test_csv (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  IkCompetencyRating *talk = ik_scorecard_find_rating (scorecard, "talk");
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *header;
  guint n_ratings = g_list_model_get_n_items (ik_scorecard_get_ratings (scorecard));

  g_assert_true (ik_competency_rating_set_evidence (talk, "@cmd|' /C calc'!A0\n-2+3"));
  csv = ik_scorecard_export_csv (session, bank, &all_in);
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, n_ratings + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "candidate");

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      const char *id = g_ptr_array_index (row, column (header, "competency_id"));

      g_assert_cmpuint (row->len, ==, header->len);
      for (guint c = 0; c < row->len; c++)
        {
          const char *value = g_ptr_array_index (row, c);
          g_assert_true (value[0] == '\0' || strchr ("=+-@\t\r", value[0]) == NULL);
        }
      g_assert_cmpstr (g_ptr_array_index (row, column (header, "candidate")), ==, NAME);
      if (g_strcmp0 (id, "design") == 0)
        {
          g_assert_cmpstr (g_ptr_array_index (row, column (header, "rating")), ==, "3");
          g_assert_cmpstr (g_ptr_array_index (row, column (header, "anchor")), ==,
                           "Names attack surfaces unprompted");
          g_assert_true (g_str_has_prefix (g_ptr_array_index (row, column (header, "evidence")),
                                           "'=HYPERLINK(\"http://x\")"));
          g_assert_cmpstr (g_ptr_array_index (row, column (header, "areas_not_covered")), ==,
                           "Data poisoning; Model theft");
        }
      else if (g_strcmp0 (id, "talk") == 0)
        {
          g_assert_cmpstr (g_ptr_array_index (row, column (header, "rating")), ==, "not-assessed");
          g_assert_cmpstr (g_ptr_array_index (row, column (header, "evidence")), ==,
                           "'@cmd|' /C calc'!A0\n-2+3");
        }
    }
  /* Private notes never reach the CSV. */
  g_assert_null (strstr (csv, "PRIVATE-NOTE"));
}

static void
test_csv_pseudonymised (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autofree char *csv = ik_scorecard_export_csv (session, bank, &private_out);

  g_assert_null (strstr (csv, NAME));
  g_assert_null (strstr (csv, "cand-0042"));
  g_assert_nonnull (strstr (csv, "Candidate "));
}

static void
test_json (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) original = ik_session_to_json (session);
  g_autofree char *expected = ik_json_to_data (original, NULL, NULL);
  g_autofree char *full = NULL;
  g_autofree char *reduced = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) back = NULL;
  g_autoptr(IkQuestionRecord) record = NULL;
  g_autofree char *pseudonym = ik_export_pseudonym (private_out.pseudonym_key, "cand-0042");
  gsize length = 0;

  /* With everything in, the export is the stored document. */
  full = ik_scorecard_export_json (session, &all_in, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (full, ==, expected);
  g_assert_cmpuint (length, ==, strlen (full));

  reduced = ik_scorecard_export_json (session, &private_out, &length, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (reduced, NAME));
  g_assert_null (strstr (reduced, "PRIVATE-NOTE"));
  g_assert_null (strstr (reduced, "Second private note"));

  root = ik_json_parse (reduced, length, NULL, NULL, &error);
  g_assert_no_error (error);
  back = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_session_get_candidate_name (back), ==, pseudonym);
  g_assert_cmpuint (g_list_model_get_n_items (ik_session_get_records (back)), ==, 2);
  record = g_list_model_get_item (ik_session_get_records (back), 0);
  g_assert_cmpstr (ik_question_record_get_notes (record), ==, "");
  g_assert_true (ik_question_record_get_area_covered (record, 1));
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (ik_session_get_scorecard (back), "design")),
                   ==, 3);
  /* The summary mentioned the name too. */
  g_assert_nonnull (strstr (ik_scorecard_get_summary (ik_session_get_scorecard (back)), pseudonym));
}

/* A number an unknown member holds is no text of the candidate's: a
 * candidate named "1" must not turn 1.5 into something unreadable. */
static void
test_json_pseudonymised_unknown_numbers (void)
{
  g_autoptr(IkSession) original = ik_session_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) extra = NULL;
  g_autoptr(IkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  const char *text = "{\"future_member\": 1.5, \"future_list\": [1e300, -0.0]}";
  gsize length = 0;

  ik_session_set_candidate_name (original, "1");
  root = ik_session_to_json (original);
  extra = ik_json_parse (text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  json_object_set_member (json_node_get_object (root), "future_member",
                          json_node_copy (json_object_get_member (json_node_get_object (extra), "future_member")));
  json_object_set_member (json_node_get_object (root), "future_list",
                          json_node_copy (json_object_get_member (json_node_get_object (extra), "future_list")));
  session = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);

  exported = ik_scorecard_export_json (session, &private_out, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "1.5"));
  g_assert_nonnull (strstr (exported, "1e300"));
}

static void
test_dispatch (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *csv = ik_scorecard_export (session, bank, &all_in, IK_EXPORT_FORMAT_CSV, &length, &error);
  g_autofree char *pdf = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (csv));
  g_assert_cmpuint (count (csv, "\r\n"), ==, 3);

  pdf = ik_scorecard_export (session, bank, &all_in, IK_EXPORT_FORMAT_PDF, &length, &error);
  g_assert_null (pdf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_without_bank (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  g_autofree char *html = ik_scorecard_export_html (session, NULL, &all_in);
  g_autofree char *md = ik_scorecard_export_markdown (session, NULL, &all_in);

  /* Competency names come from the ratings when the bank is gone. */
  g_assert_nonnull (strstr (html, "Threat modelling"));
  g_assert_null (strstr (html, "Names attack surfaces unprompted"));
  g_assert_nonnull (strstr (md, "Explaining trade-offs"));
}

/* make_session() submitted, with the rating of "design" changed in the
 * document as if by hand (3 → 1) and read back. */
static IkSession *
make_altered_session (IkBank *bank)
{
  g_autoptr(IkSession) session = make_session (bank);
  IkSession *altered;

  g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (session), NULL));
  altered = ik_test_session_edited_by_hand (session, "design", 1);
  g_assert_true (ik_scorecard_get_altered (ik_session_get_scorecard (altered)));
  return altered;
}

/* Every format says an altered scorecard is altered, with its forged
 * values; and after an amendment, that the earlier submission was. */
static void
test_altered (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) honest = make_session (bank);
  g_autoptr(IkSession) session = make_altered_session (bank);
  g_autoptr(GError) error = NULL;
  const char *warning = ik_export_altered_warning ();
  const char *label = ik_export_altered_label ();
  g_autofree char *md_warning = ik_markdown_escape (warning);
  g_autofree char *md_label = ik_markdown_escape (label);
  IkScorecard *scorecard = ik_session_get_scorecard (session);

  g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (honest), NULL));
  for (guint pass = 0; pass < 3; pass++)
    {
      /* 0: altered; 1: amended and submitted again; 2: never altered */
      IkSession *shown = pass < 2 ? session : honest;
      gboolean top = pass == 0;
      gboolean history = pass == 1;
      g_autofree char *html = ik_scorecard_export_html (shown, bank, &all_in);
      g_autofree char *md = ik_scorecard_export_markdown (shown, bank, &all_in);
      g_autofree char *csv = ik_scorecard_export_csv (shown, bank, &all_in);
      g_autofree char *json = ik_scorecard_export_json (shown, &private_out, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (strstr (html, warning) != NULL, ==, top);
      g_assert_cmpint (strstr (md, md_warning) != NULL, ==, top);
      g_assert_cmpint (count (csv, warning), ==, top ? 2 : 0);
      g_assert_cmpint (strstr (html, label) != NULL, ==, top || history);
      g_assert_cmpint (strstr (md, md_label) != NULL, ==, top || history);
      g_assert_cmpint (count (json, "\"altered\" : true"), ==, top || history ? 1 : 0);
      if (top)
        {
          /* The forged value is shown, under the warning that comes first. */
          g_assert_true (strstr (html, warning) < strstr (html, "1 of 4"));
          g_assert_true (strstr (md, md_warning) < strstr (md, "1 of 4"));
          g_assert_true (g_str_has_suffix (csv, "\"\r\n") && strstr (csv, ",\"altered\"\r\n") != NULL);
        }
      else
        g_assert_nonnull (strstr (csv, ",\"\"\r\n"));

      if (pass == 0)
        {
          g_assert_true (ik_scorecard_amend (scorecard, "Found changed by hand", &error));
          g_assert_no_error (error);
          g_assert_true (ik_scorecard_submit (scorecard, NULL));
        }
    }
}

#define RLO "\xe2\x80\xae"
#define LRI "\xe2\x81\xa6"
#define PDI "\xe2\x81\xa9"

/* Whether @text holds any of U+202A–U+202E or U+2066–U+2069. */
static gboolean
has_bidi_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return TRUE;
    }
  return FALSE;
}

/* A name, notes and evidence that would show reversed text: every format
 * shows the controls instead of obeying them. */
static void
test_bidi_controls (void)
{
  g_autoptr(IkBank) bank = make_bank ();
  g_autoptr(IkSession) session = make_session (bank);
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkQuestionRecord) record = g_list_model_get_item (ik_session_get_records (session), 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *md = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shown = ik_export_show_bidi_controls ("Eve" RLO "gnp.exe " LRI "x" PDI);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) back = NULL;
  gsize length = 0;

  g_assert_cmpstr (shown, ==, "Eve⟨U+202E⟩gnp.exe ⟨U+2066⟩x⟨U+2069⟩");
  ik_session_set_candidate_name (session, "Eve" RLO "gnp.exe");
  ik_question_record_set_notes (record, "Said " LRI "hello" PDI " twice");
  g_assert_true (ik_competency_rating_set_evidence (ik_scorecard_find_rating (scorecard, "talk"),
                                                    "Quoted " RLO "]x[" " here"));

  html = ik_scorecard_export_html (session, bank, &all_in);
  md = ik_scorecard_export_markdown (session, bank, &all_in);
  csv = ik_scorecard_export_csv (session, bank, &all_in);
  json = ik_scorecard_export_json (session, &all_in, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (json));

  for (guint i = 0; i < 3; i++)
    {
      const char *text = i == 0 ? html : i == 1 ? md : csv;

      g_assert_false (has_bidi_control (text));
      g_assert_nonnull (strstr (text, "Eve⟨U+202E⟩gnp.exe"));
      g_assert_nonnull (strstr (text, "⟨U+202E⟩"));
      if (i < 2)
        g_assert_nonnull (strstr (text, "⟨U+2066⟩hello⟨U+2069⟩"));
    }
  g_assert_nonnull (strstr (csv, "Quoted ⟨U+202E⟩"));

  /* JSON keeps the very strings, escaped where a viewer would obey them. */
  g_assert_false (has_bidi_control (json));
  g_assert_nonnull (strstr (json, "Eve\\u202egnp.exe"));
  root = ik_json_parse (json, length, NULL, NULL, &error);
  g_assert_no_error (error);
  back = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_session_get_candidate_name (back), ==, "Eve" RLO "gnp.exe");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) key = g_bytes_new_static (test_key, sizeof test_key);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  private_out.pseudonym_key = key;

  g_test_add_func ("/scorecard-export/formats", test_formats);
  g_test_add_func ("/scorecard-export/pseudonym", test_pseudonym);
  g_test_add_func ("/scorecard-export/uncovered-areas", test_uncovered_areas);
  g_test_add_func ("/scorecard-export/question-marks", test_question_marks);
  g_test_add_func ("/scorecard-export/marks-in-formats", test_marks_in_formats);
  g_test_add_func ("/scorecard-export/marks-in-json", test_marks_in_json);
  g_test_add_func ("/scorecard-export/anchor", test_anchor);
  g_test_add_func ("/scorecard-export/html", test_html);
  g_test_add_func ("/scorecard-export/markdown-escape", test_markdown_escape);
  g_test_add_func ("/scorecard-export/markdown", test_markdown);
  g_test_add_func ("/scorecard-export/csv-cells", test_csv_cells);
  g_test_add_func ("/scorecard-export/csv", test_csv);
  g_test_add_func ("/scorecard-export/csv-pseudonymised", test_csv_pseudonymised);
  g_test_add_func ("/scorecard-export/json-pseudonymised-unknown-numbers", test_json_pseudonymised_unknown_numbers);
  g_test_add_func ("/scorecard-export/json", test_json);
  g_test_add_func ("/scorecard-export/dispatch", test_dispatch);
  g_test_add_func ("/scorecard-export/without-bank", test_without_bank);
  g_test_add_func ("/scorecard-export/altered", test_altered);
  g_test_add_func ("/scorecard-export/bidi-controls", test_bidi_controls);

  return g_test_run ();
}
