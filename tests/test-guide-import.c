/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ik-bank.h"
#include "ik-bank-export.h"
#include "ik-enum-types.h"
#include "ik-guide-import.h"
#include "ik-test-util.h"

#include <string.h>
#include <sys/resource.h>

/* Lines of warnings expected, terminated by 0. */
static void
assert_warning_lines (GPtrArray   *warnings,
                      const guint *lines)
{
  guint n = 0;

  g_assert_nonnull (warnings);
  while (lines[n] != 0)
    n++;
  if (warnings->len != n)
    {
      for (guint i = 0; i < warnings->len; i++)
        {
          IkImportWarning *w = g_ptr_array_index (warnings, i);

          g_test_message ("warning: line %u: %s", w->line, w->message);
        }
    }
  g_assert_cmpuint (warnings->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      IkImportWarning *w = g_ptr_array_index (warnings, i);

      g_assert_cmpuint (w->line, ==, lines[i]);
      g_assert_nonnull (w->message);
      g_assert_cmpuint (strlen (w->message), >, 10);
      g_assert_true (g_utf8_validate (w->message, -1, NULL));
    }
}

/* The kind of warning @i and, unless @needle is NULL, part of its message
 * (the question it names). */
static void
assert_warning_kind (GPtrArray           *warnings,
                     guint                i,
                     IkImportWarningKind  kind,
                     const char          *needle)
{
  IkImportWarning *w;

  g_assert_cmpuint (i, <, warnings->len);
  w = g_ptr_array_index (warnings, i);
  g_assert_cmpint (w->kind, ==, kind);
  if (needle != NULL && strstr (w->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", w->message, needle);
}

static IkBank *
import_text (const char  *text,
             gsize        length,
             const char  *fallback,
             GPtrArray  **warnings)
{
  g_autoptr(GError) error = NULL;
  IkBank *bank = ik_guide_import (text, length, fallback, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bank);
  g_assert_cmpint (ik_bank_get_origin (bank), ==, IK_BANK_ORIGIN_IMPORTED);
  return bank;
}

static IkBank *
import_fixture (const char  *name,
                const char  *fallback,
                GPtrArray  **warnings)
{
  g_autofree char *rel = g_build_filename ("guides", name, NULL);
  gsize len = 0;
  g_autofree char *text = ik_test_read_fixture (rel, &len);

  return import_text (text, len, fallback, warnings);
}

static void
assert_strv (const char * const *actual,
             const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpstrv (actual, expected);
}

/* Checks question @index: text, areas, follow-ups, and the defaults an
 * imported question gets. */
static void
assert_question (IkBank             *bank,
                 guint               index,
                 const char         *text,
                 const char * const *areas,
                 const char * const *follow_ups)
{
  g_autoptr(IkQuestion) q = g_list_model_get_item (ik_bank_get_questions (bank), index);

  g_assert_nonnull (q);
  g_assert_cmpstr (ik_question_get_text (q), ==, text);
  assert_strv (ik_question_get_areas (q), areas);
  assert_strv (ik_question_get_follow_ups (q), follow_ups);
  g_assert_cmpuint (ik_question_get_minutes (q), ==, IK_GUIDE_IMPORT_DEFAULT_MINUTES);
  g_assert_true (ik_question_get_competencies (q) == NULL || ik_question_get_competencies (q)[0] == NULL);
}

static void
assert_guidance (IkBank     *bank,
                 guint       index,
                 const char *question,
                 const char *answer)
{
  g_autoptr(IkGuidance) g = g_list_model_get_item (ik_bank_get_guidance (bank), index);

  g_assert_nonnull (g);
  g_assert_cmpstr (ik_guidance_get_question (g), ==, question);
  g_assert_cmpstr (ik_guidance_get_answer (g), ==, answer);
}

static const char *canonical_q1 = "Tell me about a time you turned around a support queue that was falling behind. What did you change first?";
static const char *canonical_q1_areas[] = {
  "How the candidate measured the backlog and its causes",
  "Which changes were made and in what order",
  "How the team was kept motivated during the push",
  "What the results were after a month",
  NULL
};
static const char *canonical_q1_follow_ups[] = {
  "Which change had the biggest effect?",
  "What would you do differently next time?",
  NULL
};
static const char *canonical_q2 = "Describe a situation where you had to coach an agent whose customer ratings kept dropping.";
static const char *canonical_q2_areas[] = {
  "How the problem was noticed",
  "The coaching plan and how progress was tracked",
  "How the conversation with the agent was handled",
  NULL
};
static const char *canonical_q2_follow_ups[] = {
  "How did the agent react at first?",
  "What did you learn about your own coaching style?",
  NULL
};
static const char *canonical_q3 = "Share an example of a customer escalation you resolved personally. How did you keep the customer informed?";
static const char *canonical_q3_areas[] = {
  "The nature of the escalation and what was at stake",
  "Communication with the customer and with other teams",
  "How the root cause was fixed afterwards",
  NULL
};
static const char *canonical_q3_follow_ups[] = {
  "When did you decide to step in yourself?",
  "How did you make sure it did not happen again?",
  NULL
};

static void
assert_canonical (IkBank    *bank,
                  GPtrArray *warnings)
{
  static const guint closing_line[] = { 34, 0 };

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Support Lead");
  g_assert_cmpstr (ik_bank_get_description (bank), ==,
                   "Hiring a customer support team lead means finding someone who can coach people, keep queues healthy and stay calm when customers are upset.\n\n"
                   "The questions below ask for real past situations, because what a candidate has done predicts what they will do far better than what they say they would do.");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 3);
  assert_question (bank, 0, canonical_q1, canonical_q1_areas, canonical_q1_follow_ups);
  assert_question (bank, 1, canonical_q2, canonical_q2_areas, canonical_q2_follow_ups);
  assert_question (bank, 2, canonical_q3, canonical_q3_areas, canonical_q3_follow_ups);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 2);
  assert_guidance (bank, 0, "How long should each question take?",
                   "Plan about ten to fifteen minutes per question so there is room for follow-ups.");
  assert_guidance (bank, 1, "Can I use these questions for first-time managers?",
                   "Yes. Expect examples from informal leadership, such as mentoring a new colleague or running a project, rather than from formal management.");
  /* The newsletter pitch at the end is not imported, but reported. */
  assert_warning_lines (warnings, closing_line);
  assert_warning_kind (warnings, 0, IK_IMPORT_WARNING_CLOSING_LINE, NULL);
  g_assert_nonnull (strstr (((IkImportWarning *) g_ptr_array_index (warnings, 0))->message, "newsletter"));
}

static void
test_canonical (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("canonical.txt", "Support Lead", &warnings);

  assert_canonical (bank, warnings);
}

/* Returns the canonical fixture with its line ends replaced by @eol. */
static char *
canonical_with_eol (const char *eol,
                    gsize      *length)
{
  g_autofree char *text = ik_test_read_fixture ("guides/canonical.txt", NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  char *joined = g_strjoinv (eol, lines);

  *length = strlen (joined);
  return joined;
}

static void
test_line_ends (void)
{
  const char *eols[] = { "\r\n", "\r" };

  for (guint i = 0; i < G_N_ELEMENTS (eols); i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      gsize len = 0;
      g_autofree char *text = canonical_with_eol (eols[i], &len);
      g_autoptr(IkBank) bank = import_text (text, len, "Support Lead", &warnings);

      assert_canonical (bank, warnings);
    }
}

static void
test_bom (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  gsize len = 0;
  g_autofree char *crlf = canonical_with_eol ("\r\n", &len);
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", crlf, NULL);
  g_autoptr(IkBank) bank = import_text (text, len + 3, "Support Lead", &warnings);

  assert_canonical (bank, warnings);
  /* The BOM is not part of the description. */
  g_assert_true (g_str_has_prefix (ik_bank_get_description (bank), "Hiring"));
}

static void
test_not_nul_terminated (void)
{
  g_autoptr(GPtrArray) warnings = NULL;
  gsize len = 0;
  g_autofree char *text = ik_test_read_fixture ("guides/canonical.txt", &len);
  g_autofree char *copy = g_malloc (len);
  g_autoptr(IkBank) bank = NULL;

  /* No terminating NUL: the importer must stay inside the length. */
  memcpy (copy, text, len);
  bank = import_text (copy, len, "Support Lead", &warnings);
  assert_canonical (bank, warnings);
}

static void
test_title_header (void)
{
  static const char *areas[] = {
    "How the alert reached the candidate",
    "The first diagnostic steps",
    "How downstream users were told about the delay",
    NULL
  };
  static const char *follow_ups[] = { "What would have caught the failure earlier?", NULL };
  static const guint none[] = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("title-header.txt", "ignored fallback", &warnings);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Data Engineering On-Call");
  g_assert_cmpstr (ik_bank_get_description (bank), ==,
                   "On-call data engineers keep pipelines running at night and on weekends.");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_question (bank, 0, "Walk me through the last pipeline failure you handled while on call.",
                   areas, follow_ups);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 1);
  assert_guidance (bank, 0, "Should candidates have worked with a specific scheduler?",
                   "No. The habits of careful diagnosis transfer between tools.");
  assert_warning_lines (warnings, none);
}

static void
test_bullet_styles (void)
{
  static const char *areas1[] = {
    "What the candidate noticed",
    "How the decision to stop was made",
    "Who was told and how quickly",
    NULL
  };
  static const char *follow_ups1[] = {
    "How did the team react?",
    "What changed in the procedure afterwards?",
    NULL
  };
  static const char *areas2[] = { "How tasks are reprioritised", "Who is asked to cover", NULL };
  static const char *follow_ups2[] = { "What do you tell the day manager?", NULL };
  static const guint none[] = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("bullets.txt", "Warehouse Shift Supervisor", &warnings);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Warehouse Shift Supervisor");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 2);
  assert_question (bank, 0, "Tell me about a time you stopped work because something was unsafe.",
                   areas1, follow_ups1);
  assert_question (bank, 1, "Describe how you plan a shift when two people call in sick.",
                   areas2, follow_ups2);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 0);
  assert_warning_lines (warnings, none);
}

static void
test_messy (void)
{
  static const char *areas1[] = {
    "Which part of the design was questioned",
    "How the candidate asked for specifics",
    NULL
  };
  static const char *follow_ups1[] = { "Did you agree with the feedback?", NULL };
  static const char *areas2[] = { "The situation and the colleague’s goal", NULL };
  static const char *follow_ups2[] = { "How was the feedback received?", NULL };
  static const guint none[] = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("messy.txt", NULL, &warnings);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Product Designer");
  g_assert_cmpstr (ik_bank_get_description (bank), ==,
                   "Design critiques show how a designer gives and takes feedback.");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 2);
  /* Curly quotes are text and stay as they are. */
  assert_question (bank, 0,
                   "Tell me about a critique where someone called your work “confusing”. What did you do next?",
                   areas1, follow_ups1);
  assert_question (bank, 1, "Describe the ‘best’ piece of feedback you ever gave a colleague.",
                   areas2, follow_ups2);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 1);
  assert_guidance (bank, 0, "Is a portfolio review enough?",
                   "Not on its own; critique conversations reveal how people collaborate.");
  assert_warning_lines (warnings, none);
}

static void
test_numbered_questions (void)
{
  static const char *areas1[] = {
    "How the shortfall was discovered",
    "Where extra help was found and how the remaining gaps were covered",
    NULL
  };
  static const char *follow_ups1[] = { "What would you plan differently?", NULL };
  static const char *areas2[] = { "Recognition and feedback", NULL };
  static const char *follow_ups2[] = { "Which idea did not work?", NULL };
  static const guint none[] = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("numbered-questions.txt", "Volunteers", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 2);
  assert_question (bank, 0, "Tell me about a time a large event was short of volunteers.",
                   areas1, follow_ups1);
  assert_question (bank, 1, "How have you kept long-term volunteers engaged?", areas2, follow_ups2);
  assert_warning_lines (warnings, none);
}

static void
test_no_blank_lines_no_header (void)
{
  /* Neither “Interview Questions” nor blank lines: the line above the first
   * section is the first question, everything before it the introduction. */
  static const char text[] =
    "Lifeguards watch the water.\n"
    "They also teach swimming.\n"
    "Tell me about a rescue you made.\n"
    "Areas to Cover:\n"
    "- What you saw first\n"
    "Follow-Up Questions:\n"
    "- Who helped you?\n";
  static const char *areas[] = { "What you saw first", NULL };
  static const char *follow_ups[] = { "Who helped you?", NULL };
  static const guint none[] = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (text, strlen (text), NULL, &warnings);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Imported Guide");
  g_assert_cmpstr (ik_bank_get_description (bank), ==,
                   "Lifeguards watch the water.\n\nThey also teach swimming.");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_question (bank, 0, "Tell me about a rescue you made.", areas, follow_ups);
  assert_warning_lines (warnings, none);
}

static void
test_truncated_no_sections (void)
{
  static const char *areas[] = { "What information is passed on", "How the handover is confirmed", NULL };
  static const char *follow_ups[] = { "What went wrong in a handover you remember?", NULL };
  static const char *empty[] = { NULL };
  static const guint lines[] = { 4, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("truncated-no-sections.txt", NULL, &warnings);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Nursing Shift Lead");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 2);
  /* Kept, so the interviewer can complete it. */
  assert_question (bank, 0, "How did you handle a shift where two patients needed you at the same moment?",
                   empty, empty);
  assert_question (bank, 1, "How do you hand over to the next shift when a patient's condition is changing?",
                   areas, follow_ups);
  assert_warning_lines (warnings, lines);
}

static void
test_truncated_cut (void)
{
  static const char *areas[] = {
    "What the candidate saw in the numbers",
    "How the team was involved in the recov",
    NULL
  };
  static const char *empty[] = { NULL };
  static const guint lines[] = { 6, 6, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("truncated-cut.txt", "Retail", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_question (bank, 0, "Tell me about a month when your store missed its sales target.", areas, empty);
  assert_warning_lines (warnings, lines);
  assert_warning_kind (warnings, 0, IK_IMPORT_WARNING_ENDS_IN_QUESTION, "store missed");
  assert_warning_kind (warnings, 1, IK_IMPORT_WARNING_CUT_OFF, "store missed");
}

static void
test_truncated_cut_with_newline (void)
{
  /* A final line break does not make the guide complete: web pages cut
   * by copying often end with one. */
  static const guint lines[] = { 6, 6, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  gsize len = 0;
  g_autofree char *text = ik_test_read_fixture ("guides/truncated-cut.txt", &len);
  g_autofree char *with_newline = g_strconcat (text, "\n", NULL);
  g_autoptr(IkBank) bank = import_text (with_newline, len + 1, "Retail", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_warning_lines (warnings, lines);
  assert_warning_kind (warnings, 0, IK_IMPORT_WARNING_ENDS_IN_QUESTION, "store missed");
  assert_warning_kind (warnings, 1, IK_IMPORT_WARNING_CUT_OFF, "store missed");
}

static void
test_truncated_empty_header (void)
{
  static const char *areas1[] = { "What was cut and why", NULL };
  static const char *follow_ups2[] = { "What did you learn?", NULL };
  static const char *empty[] = { NULL };
  static const guint lines[] = { 5, 7, 13, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_fixture ("truncated-empty-header.txt", "Projects", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 2);
  assert_question (bank, 0, "Describe a time you had to cut a project budget.", areas1, empty);
  assert_question (bank, 1, "Tell me about a vendor negotiation that went badly.", empty, follow_ups2);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 2);
  assert_guidance (bank, 0, "Who should sit on the panel?",
                   "A finance partner and a project manager work well together.");
  assert_guidance (bank, 1, "Do these questions suit junior roles?", "");
  assert_warning_lines (warnings, lines);
}

/* Guides cut where copying from a web page cuts them, each read as it is
 * (no final line break), with a line break and with CR LF: the warnings
 * are the same. The fixtures are pipeline.txt cut short (or with a part
 * left out), so lines are those of pipeline.txt. */
typedef struct
{
  guint                line;
  IkImportWarningKind  kind;
  const char          *names;  /* what the message quotes: the question */
} ExpectedWarning;

static const char pipeline_q1[] = "Tell me about a time a scheduled job";
static const char pipeline_q2[] = "Describe a backfill you ran after an outage";

static const struct
{
  const char      *fixture;
  guint            n_questions;
  guint            n_guidance;
  ExpectedWarning  warnings[3];  /* up to a line of 0 */
} cut_guides[] = {
  /* In the middle of a word of the first question's areas, the case of
   * the issue: once that the guide ends there, once for the last item. */
  { "cut-first-areas.txt", 1, 0, {
      { 7, IK_IMPORT_WARNING_ENDS_IN_QUESTION, pipeline_q1 },
      { 7, IK_IMPORT_WARNING_CUT_OFF, pipeline_q1 } } },
  /* After the last area of the second question, before its follow-ups:
   * an area has no final punctuation, so it may be cut too. */
  { "cut-after-areas.txt", 2, 0, {
      { 17, IK_IMPORT_WARNING_ENDS_IN_QUESTION, pipeline_q2 },
      { 17, IK_IMPORT_WARNING_CUT_OFF, pipeline_q2 } } },
  /* The first question's follow-ups are missing, the rest is whole. */
  { "cut-no-follow-ups.txt", 3, 2, {
      { 4, IK_IMPORT_WARNING_NO_FOLLOW_UPS, pipeline_q1 } } },
  /* In the middle of a follow-up: the guide may end after follow-ups, but
   * not without a question mark. */
  { "cut-mid-follow-up.txt", 2, 0, {
      { 20, IK_IMPORT_WARNING_CUT_OFF, pipeline_q2 } } },
  /* In the middle of an answer of the FAQ. */
  { "cut-in-answer.txt", 3, 2, {
      { 33, IK_IMPORT_WARNING_CUT_OFF, "How junior can a candidate be" } } },
  /* In the middle of the next question: not imported, and said so. */
  { "cut-in-question.txt", 1, 0, {
      { 13, IK_IMPORT_WARNING_CUT_OFF, "Describe a backfill you ran after an out" } } },
};

/* The fixture with its final line break(s) replaced by @ending. */
static char *
read_with_ending (const char *fixture,
                  const char *ending,
                  gsize      *length)
{
  g_autofree char *text = ik_test_read_fixture (fixture, NULL);
  gsize len = strlen (text);
  char *result;

  while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
    len--;
  text[len] = '\0';
  result = g_strconcat (text, ending, NULL);
  *length = strlen (result);
  return result;
}

static const char *endings[] = { "", "\n", "\r\n", "\n\n" };

static void
test_cut_guides (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cut_guides); i++)
    for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
      {
        g_autofree char *rel = g_build_filename ("guides", cut_guides[i].fixture, NULL);
        g_autoptr(GPtrArray) warnings = NULL;
        g_autoptr(IkBank) bank = NULL;
        gsize len = 0;
        g_autofree char *text = read_with_ending (rel, endings[e], &len);
        guint lines[G_N_ELEMENTS (cut_guides[i].warnings) + 1] = { 0 };

        g_test_message ("%s, ending %u", cut_guides[i].fixture, e);
        bank = import_text (text, len, "Pipelines", &warnings);
        g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, cut_guides[i].n_questions);
        g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, cut_guides[i].n_guidance);
        for (guint j = 0; j < G_N_ELEMENTS (cut_guides[i].warnings); j++)
          lines[j] = cut_guides[i].warnings[j].line;
        assert_warning_lines (warnings, lines);
        for (guint j = 0; j < warnings->len; j++)
          assert_warning_kind (warnings, j, cut_guides[i].warnings[j].kind, cut_guides[i].warnings[j].names);
      }
}

/* Complete guides give no warning, whatever their last line break. */
static void
test_complete_guides (void)
{
  static const char *complete[] = {
    "guides/pipeline.txt",
    "guides/bullets.txt",
    "guides/messy.txt",
    "guides/numbered-questions.txt",
    "guides/title-header.txt",
    "cli/small-guide.txt",
  };
  static const guint none[] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (complete); i++)
    for (guint e = 0; e < G_N_ELEMENTS (endings); e++)
      {
        g_autoptr(GPtrArray) warnings = NULL;
        g_autoptr(IkBank) bank = NULL;
        gsize len = 0;
        g_autofree char *text = read_with_ending (complete[i], endings[e], &len);

        g_test_message ("%s, ending %u", complete[i], e);
        bank = import_text (text, len, "Complete", &warnings);
        assert_warning_lines (warnings, none);
      }
}

/* What we export is a complete guide: the bundled bank comes back whole
 * and without a warning. */
static void
test_bundled_bank_round_trip (void)
{
  static const guint none[] = { 0 };
  g_autoptr(IkBank) bundled = ik_test_load_bundled_bank ();
  g_autofree char *guide = ik_bank_to_guide_text (bundled);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (guide, strlen (guide), NULL, &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==,
                    g_list_model_get_n_items (ik_bank_get_questions (bundled)));
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==,
                    g_list_model_get_n_items (ik_bank_get_guidance (bundled)));
  assert_warning_lines (warnings, none);
}

static void
test_closing_line_without_faq (void)
{
  static const char text[] =
    "Interview Questions\n"
    "Tell me about a difficult tenant.\n"
    "Areas to Cover:\n"
    "- What the problem was\n"
    "Thanks for reading our guide.";
  static const char *areas[] = { "What the problem was", NULL };
  static const char *empty[] = { NULL };
  static const guint lines[] = { 2, 5, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (text, strlen (text), "Property", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_question (bank, 0, "Tell me about a difficult tenant.", areas, empty);
  assert_warning_lines (warnings, lines);
  assert_warning_kind (warnings, 0, IK_IMPORT_WARNING_NO_FOLLOW_UPS, "difficult tenant");
  assert_warning_kind (warnings, 1, IK_IMPORT_WARNING_CLOSING_LINE, "Thanks for reading");
}

static void
test_multi_paragraph_answers (void)
{
  /* Answers may run over several lines; with a final line break and no
   * pitch in it, the last paragraph is part of the answer. */
  static const char text[] =
    "Interview Questions\n"
    "Tell me about a hard deadline.\n"
    "Areas to Cover:\n"
    "- The plan\n"
    "Follow-Up Questions:\n"
    "- What slipped?\n"
    "Frequently Asked Questions\n"
    "Is one question enough?\n"
    "Rarely.\n"
    "What about two?\n"
    "Two can work.\n"
    "Keep time for questions from the candidate.\n";
  static const guint none[] = { 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (text, strlen (text), "Deadlines", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 2);
  assert_guidance (bank, 0, "Is one question enough?", "Rarely.");
  assert_guidance (bank, 1, "What about two?", "Two can work.\n\nKeep time for questions from the candidate.");
  assert_warning_lines (warnings, none);
}

static void
assert_import_error (const char *text,
                     gsize       length,
                     int         code,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = ik_guide_import (text, length, "x", &warnings, &error);

  g_assert_null (bank);
  g_assert_null (warnings);
  g_assert_error (error, IK_IMPORT_ERROR, code);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_no_areas (void)
{
  gsize len = 0;
  g_autofree char *text = ik_test_read_fixture ("guides/no-areas.txt", &len);
  static const char prose[] = "Some notes.\nMore notes.\nThe end of the notes.\n";

  /* Reading stops at the FAQ header: no question had areas before it. */
  assert_import_error (text, len, IK_IMPORT_ERROR_NO_QUESTIONS, "line 6");
  assert_import_error (prose, strlen (prose), IK_IMPORT_ERROR_NO_QUESTIONS, "line 3");
  assert_import_error (prose, strlen (prose), IK_IMPORT_ERROR_NO_QUESTIONS, "Areas to Cover");
  assert_import_error ("", 0, IK_IMPORT_ERROR_NO_QUESTIONS, "line 1");
  assert_import_error ("  \n\t\n", 4, IK_IMPORT_ERROR_NO_QUESTIONS, NULL);
}

static void
test_bad_encodings (void)
{
  gsize len = 0;
  g_autofree char *latin1 = ik_test_read_fixture ("guides/latin1.txt", &len);
  static const char binary[] = "Interview Questions\n\0\x01\x02\x03\x04";
  static const char utf16[] = "\xFF\xFEI\0n\0t\0";
  g_autoptr(GString) controls = g_string_new (NULL);

  assert_import_error (latin1, len, IK_IMPORT_ERROR_NOT_UTF8, "line 1");
  assert_import_error (binary, sizeof binary - 1, IK_IMPORT_ERROR_BINARY, NULL);
  assert_import_error (utf16, sizeof utf16 - 1, IK_IMPORT_ERROR_NOT_UTF8, "UTF-16");

  for (guint i = 0; i < 300; i++)
    g_string_append_c (controls, 1 + i % 8);
  g_string_append (controls, "Interview Questions\nQ?\nAreas to Cover:\n- a\n");
  assert_import_error (controls->str, controls->len, IK_IMPORT_ERROR_BINARY, NULL);

  /* An overlong encoding in the third line. */
  assert_import_error ("a\nb\nc\xC0\xAF\n", 7, IK_IMPORT_ERROR_NOT_UTF8, "line 3");
}

static void
test_stray_control_characters (void)
{
  /* A form feed from a PDF is not enough to call the text binary. */
  static const char text[] =
    "Interview Questions\n"
    "Tell me about a page\fbreak.\n"
    "Areas to Cover:\n"
    "- One area\n";
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (text, strlen (text), "PDF", &warnings);
  g_autoptr(IkQuestion) q = g_list_model_get_item (ik_bank_get_questions (bank), 0);

  g_assert_cmpstr (ik_question_get_text (q), ==, "Tell me about a page break.");
}

static void
test_too_large (void)
{
  gsize len = IK_GUIDE_IMPORT_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (len);

  memset (text, 'a', len);
  assert_import_error (text, len, IK_IMPORT_ERROR_TOO_LARGE, NULL);
}

static void
test_large_guide (void)
{
  /* Just below the cap: thousands of questions, read in linear time. */
  g_autoptr(GString) text = g_string_new ("Interview Questions\n");
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = NULL;
  guint n = 0;

  while (text->len < IK_GUIDE_IMPORT_MAX_SIZE - 200)
    {
      g_string_append_printf (text, "Question number %u?\nAreas to Cover:\n- Area %u\n"
                              "Follow-Up Questions:\n- Follow-up %u?\n", n, n, n);
      n++;
    }
  bank = import_text (text->str, text->len, "Big", &warnings);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, n);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_orphan_section (void)
{
  /* Areas without any question above them are dropped with a warning. */
  static const char text[] =
    "Areas to Cover:\n"
    "- Lost item\n"
    "Real question?\n"
    "Areas to Cover:\n"
    "- Kept item\n"
    "Follow-Up Questions:\n"
    "- Why?\n";
  static const char *areas[] = { "Kept item", NULL };
  static const char *follow_ups[] = { "Why?", NULL };
  static const guint lines[] = { 1, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (text, strlen (text), "Orphans", &warnings);

  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_question (bank, 0, "Real question?", areas, follow_ups);
  assert_warning_lines (warnings, lines);
}

static void
test_header_words_as_text (void)
{
  /* The title line and a question may read like headers. */
  static const char text[] =
    "Interview Questions for\n"
    "Frequently Asked Questions\n"
    "Interview Questions\n"
    "Follow-up questions\n"
    "Areas to Cover:\n"
    "- Areas to cover\n"
    "Follow-Up Questions:\n"
    "- Interview questions\n";
  static const char *areas[] = { "Areas to cover", NULL };
  static const char *follow_ups[] = { "Interview questions", NULL };
  /* A last follow-up without a question mark may have been cut. */
  static const guint lines[] = { 8, 0 };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = import_text (text, strlen (text), NULL, &warnings);

  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Frequently Asked Questions");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  assert_question (bank, 0, "Follow-up questions", areas, follow_ups);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (bank)), ==, 0);
  assert_warning_lines (warnings, lines);
  assert_warning_kind (warnings, 0, IK_IMPORT_WARNING_CUT_OFF, NULL);
}

static void
test_hostile_input (void)
{
  /* Odd but valid inputs: none may crash or loop. */
  const char *inputs[] = {
    "Interview Questions for",
    "Interview Questions for\n\n\n",
    "Areas to Cover:",
    "Areas to Cover:\n- a\n- b",
    "-\n*\n•\n1.\n",
    "Frequently Asked Questions\n?\n?\n",
    "Q?\nAreas to Cover:\n- a\nFrequently Asked Questions",
    "Q?\nAreas to Cover:\n  continuation without item\n",
    "\r\r\r\n\n\r",
    "\xEF\xBB\xBF",
    "Q?\nAreas to Cover:\n- a\nFrequently Asked Questions\nWhy? Because.\nStill an answer? Yes, it is.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(IkBank) bank = ik_guide_import (inputs[i], strlen (inputs[i]), NULL, &warnings, &error);

      g_assert_true ((bank == NULL) != (error == NULL));
      g_assert_true ((bank == NULL) == (warnings == NULL));
    }
}

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_first; /* cancelled at the first report above 0 */
} ProgressLog;

static void
log_progress (double   fraction,
              gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->fractions, fraction);
  if (log->cancel_at_first != NULL && fraction > 0)
    g_cancellable_cancel (log->cancel_at_first);
}

/* A guide of @n questions, each with two areas, the first wrapped over
 * @n_wrapped indented lines, and a frequently asked question. */
static GString *
repeated_guide (guint n,
                guint n_wrapped)
{
  GString *text = g_string_new ("Interview Questions for Repeated\nIntro line.\nInterview Questions\n");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (text, "Question %u?\nAreas to Cover:\n- First area of %u\n", i, i);
      for (guint w = 0; w < n_wrapped; w++)
        g_string_append (text, "  wrapped\n");
      g_string_append (text, "- Second area\nFollow-Up Questions:\n- Why?\n");
    }
  g_string_append (text, "Frequently Asked Questions\nHow long?\nAbout an hour.\n");
  return text;
}

static void
test_full_progress (void)
{
  g_autoptr(GString) text = repeated_guide (5000, 20);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  ProgressLog log = { fractions, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = NULL;

  bank = ik_guide_import_full (text->str, text->len, NULL, cancellable, log_progress, &log, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bank);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 5000);

  /* From 0 to 1, never back, and more than a start and an end for a
   * guide of a megabyte. */
  g_assert_cmpuint (fractions->len, >, 4);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
}

static void
test_full_cancelled (void)
{
  g_autoptr(GString) text = repeated_guide (5000, 20);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressLog log = { fractions, cancellable };
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = NULL;

  /* Cancelled while it reads. */
  bank = ik_guide_import_full (text->str, text->len, NULL, cancellable, log_progress, &log, &warnings, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bank);
  g_assert_null (warnings);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 1.0);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  bank = ik_guide_import_full (text->str, text->len, NULL, cancellable, NULL, NULL, &warnings, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bank);
  g_assert_null (warnings);
}

/* Many questions read as each of them alone: reading big input is not a
 * different algorithm. */
static void
test_large_same_as_small (void)
{
  g_autoptr(GString) small = repeated_guide (1, 3);
  g_autoptr(GString) large = repeated_guide (8000, 3);
  g_autoptr(IkBank) one = import_text (small->str, small->len, NULL, NULL);
  g_autoptr(IkBank) many = import_text (large->str, large->len, NULL, NULL);
  GListModel *questions = ik_bank_get_questions (many);
  g_autoptr(IkQuestion) first = g_list_model_get_item (ik_bank_get_questions (one), 0);

  g_assert_cmpstr (ik_bank_get_title (many), ==, ik_bank_get_title (one));
  g_assert_cmpstr (ik_bank_get_description (many), ==, ik_bank_get_description (one));
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 8000);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (many)), ==, 1);
  for (guint i = 0; i < 8000; i += 997)
    {
      g_autoptr(IkQuestion) q = g_list_model_get_item (questions, i);
      g_autofree char *text = g_strdup_printf ("Question %u?", i);
      g_autofree char *area = g_strdup_printf ("First area of %u wrapped wrapped wrapped", i);

      g_assert_cmpstr (ik_question_get_text (q), ==, text);
      g_assert_cmpstr (ik_question_get_areas (q)[0], ==, area);
      g_assert_cmpstrv (ik_question_get_areas (q) + 1, ik_question_get_areas (first) + 1);
      g_assert_cmpstrv (ik_question_get_follow_ups (q), ik_question_get_follow_ups (first));
    }
}

static glong
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* AddressSanitizer (build-aux/test --sanitize) adds redzones, shadow
 * memory and a quarantine of freed blocks to every allocation; keeping
 * every line would still cost gigabytes there. */
#if defined(__SANITIZE_ADDRESS__)
# define RSS_SCALE 8
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define RSS_SCALE 8
# endif
#endif
#ifndef RSS_SCALE
# define RSS_SCALE 1
#endif

/* The inputs that were quadratic or kept every line: an item wrapped over
 * a hundred thousand lines, and 10 MB of blank lines. Not timed (no
 * test is), but bounded in memory: every line kept cost 64 bytes, 670 MB
 * for the blank lines. */
static void
test_large_degenerate (void)
{
  g_autoptr(GString) wrapped = repeated_guide (1, 100000);
  gsize blank_len = IK_GUIDE_IMPORT_MAX_SIZE;
  g_autofree char *blank = g_malloc (blank_len);
  static const char head[] = "Q?\nAreas to Cover:\n- a\n";
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(IkQuestion) q = NULL;
  glong before;

  bank = import_text (wrapped->str, wrapped->len, NULL, NULL);
  q = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_assert_cmpuint (strlen (ik_question_get_areas (q)[0]), ==, strlen ("First area of 0") + 100000 * strlen (" wrapped"));
  g_clear_object (&q);
  g_clear_object (&bank);

  memset (blank, '\n', blank_len);
  memcpy (blank, head, strlen (head));
  before = peak_rss_kb ();
  bank = import_text (blank, blank_len, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  g_assert_cmpint (peak_rss_kb () - before, <, 64 * 1024 * RSS_SCALE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guide-import/canonical", test_canonical);
  g_test_add_func ("/guide-import/line-ends", test_line_ends);
  g_test_add_func ("/guide-import/bom", test_bom);
  g_test_add_func ("/guide-import/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/guide-import/title-header", test_title_header);
  g_test_add_func ("/guide-import/bullet-styles", test_bullet_styles);
  g_test_add_func ("/guide-import/messy", test_messy);
  g_test_add_func ("/guide-import/numbered-questions", test_numbered_questions);
  g_test_add_func ("/guide-import/no-blank-lines-no-header", test_no_blank_lines_no_header);
  g_test_add_func ("/guide-import/truncated/no-sections", test_truncated_no_sections);
  g_test_add_func ("/guide-import/truncated/cut", test_truncated_cut);
  g_test_add_func ("/guide-import/truncated/cut-with-newline", test_truncated_cut_with_newline);
  g_test_add_func ("/guide-import/truncated/empty-header", test_truncated_empty_header);
  g_test_add_func ("/guide-import/truncated/cut-guides", test_cut_guides);
  g_test_add_func ("/guide-import/complete-guides", test_complete_guides);
  g_test_add_func ("/guide-import/bundled-bank-round-trip", test_bundled_bank_round_trip);
  g_test_add_func ("/guide-import/closing-line-without-faq", test_closing_line_without_faq);
  g_test_add_func ("/guide-import/multi-paragraph-answers", test_multi_paragraph_answers);
  g_test_add_func ("/guide-import/orphan-section", test_orphan_section);
  g_test_add_func ("/guide-import/error/no-areas", test_no_areas);
  g_test_add_func ("/guide-import/error/encodings", test_bad_encodings);
  g_test_add_func ("/guide-import/error/too-large", test_too_large);
  g_test_add_func ("/guide-import/stray-control-characters", test_stray_control_characters);
  g_test_add_func ("/guide-import/large-guide", test_large_guide);
  g_test_add_func ("/guide-import/header-words-as-text", test_header_words_as_text);
  g_test_add_func ("/guide-import/hostile-input", test_hostile_input);
  g_test_add_func ("/guide-import/full/progress", test_full_progress);
  g_test_add_func ("/guide-import/full/cancelled", test_full_cancelled);
  g_test_add_func ("/guide-import/large/same-as-small", test_large_same_as_small);
  g_test_add_func ("/guide-import/large/degenerate", test_large_degenerate);

  return g_test_run ();
}
