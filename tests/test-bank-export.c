/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ik-bank-export.h"
#include "ik-bank.h"
#include "ik-enum-types.h"
#include "ik-guide-import.h"
#include "ik-json.h"
#include "ik-test-util.h"

#include <string.h>

static void
add_question (IkBank             *bank,
              const char         *text,
              const char * const *areas,
              const char * const *follow_ups,
              const char * const *competencies,
              const char * const *tags,
              guint               minutes)
{
  g_autoptr(IkQuestion) q = ik_question_new ();

  ik_question_set_text (q, text);
  ik_question_set_areas (q, areas);
  ik_question_set_follow_ups (q, follow_ups);
  ik_question_set_competencies (q, competencies);
  ik_question_set_tags (q, tags);
  ik_question_set_minutes (q, minutes);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), q);
}

static void
add_guidance (IkBank     *bank,
              const char *question,
              const char *answer)
{
  g_autoptr(IkGuidance) g = ik_guidance_new (question, answer);

  g_list_store_append (G_LIST_STORE (ik_bank_get_guidance (bank)), g);
}

/* A bank using every field: competencies with general and per-seniority
 * anchors, questions with minutes, competencies and tags, guidance. */
static IkBank *
make_full_bank (void)
{
  IkBank *bank = ik_bank_new ("Site Reliability Engineering");
  g_autoptr(IkCompetency) incident = ik_competency_new ("incident-response", "Incident response");
  g_autoptr(IkCompetency) comms = ik_competency_new (NULL, "Communication");
  const char *areas1[] = { "How the outage was detected", "Who was paged and when", NULL };
  const char *follow_ups1[] = { "What would you automate now?", NULL };
  const char *competencies1[] = { "incident-response", ik_competency_get_id (comms), NULL };
  const char *tags1[] = { "on-call", "senior", NULL };
  const char *areas2[] = { "The audience", NULL };
  const char *empty[] = { NULL };

  ik_bank_set_description (bank, "Questions for engineers who keep services up.\n\n"
                                 "Use two or three per interview.");
  ik_competency_set_description (incident, "Restores service calmly and learns from failures.");
  for (guint level = 1; level <= IK_RATING_MAX; level++)
    {
      g_autofree char *general = g_strdup_printf ("General behaviour at level %u.", level);

      ik_competency_set_anchor (incident, level, IK_ANCHOR_GENERAL, general);
    }
  ik_competency_set_anchor (incident, 2, IK_SENIORITY_JUNIOR, "Follows the runbook with help.");
  ik_competency_set_anchor (incident, 3, IK_SENIORITY_MID, "Leads a small incident.");
  ik_competency_set_anchor (incident, 4, IK_SENIORITY_SENIOR, "Coordinates several teams.");
  ik_competency_set_anchor (incident, 4, IK_SENIORITY_LEAD, "Changes how the organisation responds.");
  ik_competency_set_anchor (comms, 1, IK_SENIORITY_MID, "Updates are late or unclear.");
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), incident);
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), comms);

  add_question (bank, "Tell me about the worst outage you handled.", areas1, follow_ups1,
                competencies1, tags1, 15);
  add_question (bank, "How do you explain an incident to customers?", areas2, empty,
                empty, empty, 0);
  add_guidance (bank, "How many questions fit in an hour?", "Three, with follow-ups.");
  add_guidance (bank, "Should juniors get the same questions?",
                "Yes, but expect smaller incidents.\nLook for what they learned.");
  return bank;
}

static char *
bank_json (IkBank *bank)
{
  g_autoptr(JsonNode) root = ik_bank_to_json (bank);
  g_autoptr(GError) error = NULL;
  char *data = ik_json_to_data (root, NULL, &error);

  g_assert_no_error (error);
  return data;
}

static IkBank *
markdown_round_trip (IkBank *bank)
{
  g_autofree char *md = ik_bank_to_markdown (bank);
  g_autoptr(GError) error = NULL;
  IkBank *back = ik_bank_from_markdown (md, strlen (md), &error);

  if (error != NULL)
    g_test_message ("%s", md);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

/* Field for field: the JSON documents, ids, times and revision included,
 * are the same bytes. */
static void
assert_same_bank (IkBank *a,
                  IkBank *b)
{
  g_autofree char *ja = bank_json (a);
  g_autofree char *jb = bank_json (b);
  g_auto(GStrv) la = g_strsplit (ja, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (jb, "\n", -1);

  /* Report the first differing line, not two whole documents. */
  for (guint i = 0; la[i] != NULL && lb[i] != NULL; i++)
    if (!g_str_equal (la[i], lb[i]))
      g_error ("line %u differs:\n%s\n%s", i + 1, la[i], lb[i]);
  g_assert_cmpuint (g_strv_length (la), ==, g_strv_length (lb));
  g_assert_cmpstr (ja, ==, jb);
}

static void
test_markdown_round_trip (void)
{
  g_autoptr(IkBank) bank = make_full_bank ();
  g_autoptr(IkBank) back = markdown_round_trip (bank);
  g_autofree char *md = ik_bank_to_markdown (bank);

  assert_same_bank (bank, back);

  /* Readable: the parts a person looks for are plain Markdown. */
  g_assert_true (g_str_has_prefix (md, IK_BANK_MARKDOWN_MARKER));
  g_assert_nonnull (strstr (md, "\n# Site Reliability Engineering\n"));
  g_assert_nonnull (strstr (md, "\n## Guidance\n"));
  g_assert_nonnull (strstr (md, "\n## Competencies\n"));
  g_assert_nonnull (strstr (md, "\n### Incident response\n"));
  g_assert_nonnull (strstr (md, "\n- **Lead:** Changes how the organisation responds.\n"));
  g_assert_nonnull (strstr (md, "\n## Questions\n"));
  g_assert_nonnull (strstr (md, "\n### Tell me about the worst outage you handled.\n"));
  g_assert_nonnull (strstr (md, "\n**Minutes:** 15\n"));
  g_assert_nonnull (strstr (md, "\n- Incident response (`incident-response`)\n"));
  g_assert_nonnull (strstr (md, "\n- on-call\n"));
  g_assert_true (g_str_has_suffix (md, "\n"));
  g_assert_false (g_str_has_suffix (md, "\n\n"));
}

static void
test_markdown_empty_bank (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("");
  g_autoptr(IkBank) back = markdown_round_trip (bank);

  assert_same_bank (bank, back);
}

static void
test_markdown_hostile_text (void)
{
  const char *hostile[] = {
    "# not a heading",
    "<!-- x -->",
    "](javascript:alert(1))",
    "- leading dash",
    "* leading star",
    "1. numbered",
    "2) numbered",
    "+ plus",
    "=====",
    "---",
    "> quote",
    "    four spaces of code",
    "\ttab first",
    "trailing spaces   ",
    "back\\slash at the end\\",
    "\\",
    "&amp; &#32; &lt;",
    "**Minutes:** 99",
    "**Areas to cover:**",
    "## Questions",
    "<!-- interview-kit-question: {\"id\":\"evil\"} -->",
    "`code` and _emphasis_ and ~strike~ | pipe",
    "emoji 🙂 and “curly” quotes",
    "",
    NULL
  };
  g_autoptr(IkBank) bank = ik_bank_new ("# Title <b>bold</b>");
  g_autoptr(IkBank) back = NULL;
  g_autoptr(IkCompetency) competency = ik_competency_new ("odd", "- Competency <!-- -->");
  g_autofree char *md = NULL;
  g_autofree char *joined = g_strjoinv ("\n", (char **) hostile);
  const char *multi_line[] = { "first line\nsecond line", "carriage\rreturn", NULL };
  const char *none[] = { NULL };
  const char *tags[] = { "# tag", "-->", NULL };
  guint markers = 0;

  ik_bank_set_description (bank, joined);
  ik_competency_set_description (competency, "\nstarts with a line break");
  ik_competency_set_anchor (competency, 1, IK_ANCHOR_GENERAL, "- level one");
  ik_competency_set_anchor (competency, 2, IK_ANCHOR_GENERAL, "");
  ik_competency_set_anchor (competency, 3, IK_SENIORITY_LEAD, "# lead");
  g_list_store_append (G_LIST_STORE (ik_bank_get_competencies (bank)), competency);
  for (guint i = 0; hostile[i] != NULL; i++)
    {
      const char *one[] = { hostile[i], NULL };

      add_question (bank, hostile[i], one, one, none, tags, i);
      add_guidance (bank, hostile[i], hostile[i]);
    }
  add_question (bank, "Line\nbreak in a question", multi_line, none, none, none, 5);
  add_guidance (bank, "Trailing line break", "answer\n");

  md = ik_bank_to_markdown (bank);
  back = ik_bank_from_markdown (md, strlen (md), NULL);
  g_assert_nonnull (back);
  assert_same_bank (bank, back);

  /* Hostile text is shown as escaped Markdown, not hidden in a comment. */
  {
    g_autoptr(IkQuestion) first = g_list_model_get_item (ik_bank_get_questions (bank), 0);
    g_autofree char *expected = g_strdup_printf ("\n### \\# not a heading\n"
                                                 "<!-- interview-kit-question: {\"id\":\"%s\"} -->\n",
                                                 ik_question_get_id (first));

    g_assert_nonnull (strstr (md, expected));
    g_assert_nonnull (strstr (md, "\n- \\<!-- x --\\>\n"));
    g_assert_nonnull (strstr (md, "\n- \\](javascript:alert(1))\n"));
    g_assert_nonnull (strstr (md, "\n- \\- leading dash\n"));
    g_assert_nonnull (strstr (md, "\n### &#9;tab first\n"));
  }

  /* No user text turned into structure: every line that starts a heading
   * or comment is one we wrote. */
  {
    g_auto(GStrv) lines = g_strsplit (md, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_assert_false (g_str_has_prefix (lines[i], "# not"));
        g_assert_false (g_str_has_prefix (lines[i], "- leading"));
        g_assert_false (g_str_has_prefix (lines[i], "](javascript"));
        /* Outside our comments, a “]” can never close a link. */
        if (!g_str_has_prefix (lines[i], "<!-- interview-kit-"))
          for (const char *p = strchr (lines[i], ']'); p != NULL; p = strchr (p + 1, ']'))
            g_assert_true (p > lines[i] && p[-1] == '\\');
        if (g_str_has_prefix (lines[i], "<!--")
            || (strstr (lines[i], "<!--") != NULL && strstr (lines[i], "<!--")[-1] != '\\'))
          {
            g_assert_true (g_str_has_prefix (lines[i], "<!-- interview-kit-"));
            g_assert_true (g_str_has_suffix (lines[i], " -->"));
            /* Exactly one comment opener and closer per marker line. */
            g_assert_true (strstr (lines[i] + 4, "<!--") == NULL);
            g_assert_true (strstr (lines[i], "-->") == lines[i] + strlen (lines[i]) - 3);
            markers++;
          }
      }
  }
  /* The bank, one competency, every question; guidance only when needed. */
  g_assert_cmpuint (markers, >=, 2 + G_N_ELEMENTS (hostile));
}

/* Text that cannot be shown as Markdown is kept in the JSON comment. That
 * JSON was written by json-glib, which writes U+001F raw, and the reader
 * then refused the whole file ("Control character in a string"). It is
 * written by the files' writer now, which escapes every control
 * character. */
static void
test_markdown_control_characters (void)
{
  g_autoptr(IkBank) bank = ik_bank_new ("Unit\x1fseparator");
  g_autoptr(IkBank) back = NULL;
  g_autofree char *md = NULL;
  g_autoptr(GString) every = g_string_new (NULL);
  const char *areas[] = { "area\x1f", "\x01\x7f", NULL };
  const char *none[] = { NULL };

  for (guint c = 1; c < 0x20; c++)
    g_string_append_printf (every, "%c<%u>", c, c);
  add_question (bank, "What does \x1f mean?", areas, none, none, none, 5);
  add_question (bank, every->str, none, none, none, none, 5);
  add_guidance (bank, "Why\x1f?", "Because\x1f.");
  ik_bank_set_description (bank, every->str);

  md = ik_bank_to_markdown (bank);
  /* The marker lines hold no raw control character, and no "<" or ">". */
  {
    g_auto(GStrv) lines = g_strsplit (md, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "<!-- interview-kit-"))
        {
          const char *json = strchr (lines[i], ':') + 1;
          const char *end = lines[i] + strlen (lines[i]) - strlen (" -->");

          g_assert_true (g_str_has_suffix (lines[i], " -->"));
          for (const char *p = json; p < end; p++)
            g_assert_true ((guchar) *p >= 0x20 && *p != '<' && *p != '>');
        }
  }
  g_assert_nonnull (strstr (md, "\\u001f"));

  back = markdown_round_trip (bank);
  assert_same_bank (bank, back);
}

/* Members a later version adds travel in the JSON comments, and numbers
 * in them come back as they were written: the comments are written and
 * read by the files' writer and parser. */
static void
test_markdown_unknown_numbers (void)
{
  static const char extra[] = "{\"future\": [1.5, -0.0, 1e300, {\"big\": 12345678901234567890123}]}";
  g_autoptr(IkBank) bank = make_full_bank ();
  g_autoptr(JsonNode) doc = ik_bank_to_json (bank);
  g_autoptr(JsonNode) values = ik_json_parse (extra, strlen (extra), NULL, NULL, NULL);
  g_autoptr(IkBank) with_extra = NULL;
  g_autoptr(IkBank) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *md = NULL;
  g_autofree char *json = NULL;
  JsonNode *future;

  g_assert_nonnull (values);
  future = json_object_get_member (json_node_get_object (values), "future");
  json_object_set_member (json_node_get_object (doc), "future", json_node_copy (future));
  json_object_set_member (json_array_get_object_element (json_object_get_array_member (json_node_get_object (doc),
                                                                                        "questions"), 0),
                          "future", json_node_copy (future));
  with_extra = ik_bank_new_from_json (doc, &error);
  g_assert_no_error (error);

  md = ik_bank_to_markdown (with_extra);
  g_assert_nonnull (strstr (md, "\"future\":[1.5,-0.0,1e300,{\"big\":12345678901234567890123}]"));
  back = markdown_round_trip (with_extra);
  assert_same_bank (with_extra, back);
  json = bank_json (back);
  g_assert_nonnull (strstr (json, "      1e300,\n"));
}

static void
test_markdown_edits_are_read (void)
{
  g_autoptr(IkBank) bank = make_full_bank ();
  g_autofree char *md = ik_bank_to_markdown (bank);
  g_autoptr(GString) edited = g_string_new (md);
  g_autoptr(IkBank) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkQuestion) q = NULL;
  g_autoptr(IkQuestion) original = NULL;
  g_autoptr(IkGuidance) g = NULL;
  const char *areas[] = { "How the outage was detected", "Who was paged and when", "A new area", NULL };

  /* A person edits the readable text in any editor. */
  g_string_replace (edited, "### Tell me about the worst outage you handled.",
                    "### Tell me about the longest outage you handled.", 1);
  g_string_replace (edited, "- Who was paged and when\n", "- Who was paged and when\n- A new area\n", 1);
  g_string_replace (edited, "**Minutes:** 15", "**Minutes:** 20", 1);
  g_string_replace (edited, "Three, with follow-ups.", "Three, with\nfollow-ups.", 1);
  g_string_replace (edited, "\n", "\r\n", 0);

  back = ik_bank_from_markdown (edited->str, edited->len, &error);
  g_assert_no_error (error);
  q = g_list_model_get_item (ik_bank_get_questions (back), 0);
  g_assert_cmpstr (ik_question_get_text (q), ==, "Tell me about the longest outage you handled.");
  g_assert_cmpstrv (ik_question_get_areas (q), areas);
  g_assert_cmpuint (ik_question_get_minutes (q), ==, 20);
  /* Same id: still the same question. */
  original = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_assert_cmpstr (ik_question_get_id (q), ==, ik_question_get_id (original));
  /* A hand-wrapped line is a soft break. */
  g = g_list_model_get_item (ik_bank_get_guidance (back), 0);
  g_assert_cmpstr (ik_guidance_get_answer (g), ==, "Three, with follow-ups.");
}

static void
test_markdown_errors (void)
{
  struct { const char *text; const char *needle; } cases[] = {
    { "# Just a Markdown file\n", "line 1" },
    { "", "line 1" },
    { "<!-- interview-kit-bank: {\"id\": -->\n# T\n", "line 1" },
    { "<!-- interview-kit-bank: {}\n# T\n", "line 1" },
    { "<!-- interview-kit-bank: {} -->\n\nno title\n", "line 3" },
    { "<!-- interview-kit-bank: [] -->\n# T\n", "line 1" },
    { "<!-- interview-kit-bank: {} -->\n# T\n## Questions\n### Q\n**Minutes:** many\n", "line 5" },
    { "<!-- interview-kit-bank: {} -->\n# T\n## Questions\n### Q\n<!-- interview-kit-question: {\"id\": 1,} -->\n", "line 5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IkBank) bank = ik_bank_from_markdown (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (bank);
      g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_FORMAT);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].needle);
    }
}

static void
test_markdown_bad_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = ik_bank_from_markdown ("<!-- interview-kit-bank: {} -->\n# \xE9\n", 36, &error);
  gsize big_len = IK_GUIDE_IMPORT_MAX_SIZE + 1;
  g_autofree char *big = g_malloc0 (big_len);

  g_assert_null (bank);
  g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_NOT_UTF8);
  g_clear_error (&error);

  bank = ik_bank_from_markdown (big, big_len, &error);
  g_assert_null (bank);
  g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_TOO_LARGE);
}

static void
test_markdown_minimal_hand_written (void)
{
  /* Without question markers the questions get new ids. */
  static const char text[] =
    "<!-- interview-kit-bank: {\"format\":\"interview-kit/bank\",\"version\":1,\"id\":\"hand-written\"} -->\n"
    "# Hand written\n"
    "\n"
    "## Questions\n"
    "\n"
    "### What did you build last?\n"
    "\n"
    "**Areas to cover:**\n"
    "\n"
    "* Scope\n"
    "- Result\n";
  const char *areas[] = { "Scope", "Result", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) bank = ik_bank_from_markdown (text, strlen (text), &error);
  g_autoptr(IkQuestion) q = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_id (bank), ==, "hand-written");
  g_assert_cmpstr (ik_bank_get_title (bank), ==, "Hand written");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 1);
  q = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_assert_cmpstr (ik_question_get_text (q), ==, "What did you build last?");
  g_assert_cmpstrv (ik_question_get_areas (q), areas);
  g_assert_true (ik_id_is_valid (ik_question_get_id (q)));
}

static void
test_guide_text_round_trip (void)
{
  g_autoptr(IkBank) bank = make_full_bank ();
  g_autofree char *text = ik_bank_to_guide_text (bank);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) back = ik_guide_import (text, strlen (text), "fallback", &warnings, &error);
  GListModel *qa, *qb, *ga, *gb;

  g_assert_no_error (error);
  /* The question without follow-ups is pointed out: plain text does not
   * tell it from one whose follow-ups were cut off. */
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpint (((IkImportWarning *) g_ptr_array_index (warnings, 0))->kind, ==,
                   IK_IMPORT_WARNING_NO_FOLLOW_UPS);
  g_assert_cmpstr (ik_bank_get_title (back), ==, ik_bank_get_title (bank));
  g_assert_cmpstr (ik_bank_get_description (back), ==, ik_bank_get_description (bank));

  qa = ik_bank_get_questions (bank);
  qb = ik_bank_get_questions (back);
  g_assert_cmpuint (g_list_model_get_n_items (qb), ==, g_list_model_get_n_items (qa));
  for (guint i = 0; i < g_list_model_get_n_items (qa); i++)
    {
      g_autoptr(IkQuestion) a = g_list_model_get_item (qa, i);
      g_autoptr(IkQuestion) b = g_list_model_get_item (qb, i);

      g_assert_cmpstr (ik_question_get_text (b), ==, ik_question_get_text (a));
      g_assert_cmpstrv (ik_question_get_areas (b), ik_question_get_areas (a));
      g_assert_cmpstrv (ik_question_get_follow_ups (b), ik_question_get_follow_ups (a));
    }

  ga = ik_bank_get_guidance (bank);
  gb = ik_bank_get_guidance (back);
  g_assert_cmpuint (g_list_model_get_n_items (gb), ==, g_list_model_get_n_items (ga));
  for (guint i = 0; i < g_list_model_get_n_items (ga); i++)
    {
      g_autoptr(IkGuidance) a = g_list_model_get_item (ga, i);
      g_autoptr(IkGuidance) b = g_list_model_get_item (gb, i);
      g_auto(GStrv) paragraphs = g_strsplit (ik_guidance_get_answer (a), "\n", -1);
      g_autofree char *normalised = g_strjoinv ("\n\n", paragraphs);

      g_assert_cmpstr (ik_guidance_get_question (b), ==, ik_guidance_get_question (a));
      /* Plain text keeps paragraphs: a line break becomes a blank line. */
      g_assert_cmpstr (ik_guidance_get_answer (b), ==, normalised);
    }

  g_assert_true (g_str_has_prefix (text, "Interview Questions for\nSite Reliability Engineering\n"));
}

static void
test_guide_text_round_trip_imported (void)
{
  /* A guide read and written again reads the same. */
  gsize len = 0;
  g_autofree char *text = ik_test_read_fixture ("guides/canonical.txt", &len);
  g_autoptr(IkBank) first = ik_guide_import (text, len, "Support Lead", NULL, NULL);
  g_autofree char *written = ik_bank_to_guide_text (first);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) second = ik_guide_import (written, strlen (written), "other", &warnings, NULL);
  g_autofree char *rewritten = ik_bank_to_guide_text (second);

  g_assert_nonnull (second);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (ik_bank_get_title (second), ==, "Support Lead");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (second)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_guidance (second)), ==, 2);
  g_assert_cmpstr (written, ==, rewritten);
}

static void
test_guide_text_structure_words (void)
{
  /* Texts that read like the guide's own headers and bullets survive. */
  g_autoptr(IkBank) bank = ik_bank_new ("Interview Questions");
  const char *areas[] = { "Follow-Up Questions:", "- dash", "1. one", NULL };
  const char *follow_ups[] = { "Areas to Cover", "* star", NULL };
  const char *none[] = { NULL };
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkBank) back = NULL;
  g_autoptr(IkQuestion) q = NULL;

  add_question (bank, "Frequently Asked Questions", areas, follow_ups, none, none, 5);
  add_question (bank, "Areas to cover", areas, none, none, none, 5);
  text = ik_bank_to_guide_text (bank);
  back = ik_guide_import (text, strlen (text), "fallback", &warnings, &error);
  g_assert_no_error (error);
  /* Only that the text ends in the areas of a question without follow-ups,
   * as a guide cut off there would. */
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpint (((IkImportWarning *) g_ptr_array_index (warnings, 0))->kind, ==,
                   IK_IMPORT_WARNING_ENDS_IN_QUESTION);
  g_assert_cmpint (((IkImportWarning *) g_ptr_array_index (warnings, 1))->kind, ==,
                   IK_IMPORT_WARNING_CUT_OFF);
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (back)), ==, 2);
  q = g_list_model_get_item (ik_bank_get_questions (back), 0);
  g_assert_cmpstr (ik_question_get_text (q), ==, "Frequently Asked Questions");
  g_assert_cmpstrv (ik_question_get_areas (q), areas);
  g_assert_cmpstrv (ik_question_get_follow_ups (q), follow_ups);
  g_clear_object (&q);
  q = g_list_model_get_item (ik_bank_get_questions (back), 1);
  g_assert_cmpstr (ik_question_get_text (q), ==, "Areas to cover");
  g_assert_cmpstrv (ik_question_get_areas (q), areas);
}

static void
test_json_round_trip (void)
{
  g_autoptr(IkBank) bank = make_full_bank ();
  g_autofree char *data = bank_json (bank);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = ik_json_parse (data, strlen (data), NULL, NULL, &error);
  g_autoptr(IkBank) back = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  back = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  again = bank_json (back);
  g_assert_cmpstr (again, ==, data);
}

static void
test_import_file_contents (void)
{
  g_autoptr(IkBank) bank = make_full_bank ();
  g_autofree char *json = bank_json (bank);
  g_autofree char *md = ik_bank_to_markdown (bank);
  g_autofree char *guide = ik_bank_to_guide_text (bank);
  g_autofree char *untitled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) from_json = NULL;
  g_autoptr(IkBank) from_md = NULL;
  g_autoptr(IkBank) from_guide = NULL;
  g_autoptr(IkBank) from_untitled = NULL;
  const char *guide_body;

  from_json = ik_bank_import_file_contents (json, strlen (json), "/tmp/x.ikbank.json", &warnings, &error);
  g_assert_no_error (error);
  assert_same_bank (bank, from_json);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Markdown is recognised by its comment, whatever the file is called,
   * also behind a BOM. */
  from_md = ik_bank_import_file_contents (md, strlen (md), "notes.txt", &warnings, &error);
  g_assert_no_error (error);
  assert_same_bank (bank, from_md);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  g_clear_object (&from_md);
  {
    g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", md, NULL);

    from_md = ik_bank_import_file_contents (with_bom, strlen (with_bom), NULL, &warnings, &error);
    g_assert_no_error (error);
    assert_same_bank (bank, from_md);
    g_clear_pointer (&warnings, g_ptr_array_unref);
  }

  from_guide = ik_bank_import_file_contents (guide, strlen (guide), "guide.md", &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_title (from_guide), ==, "Site Reliability Engineering");
  g_assert_cmpint (ik_bank_get_origin (from_guide), ==, IK_BANK_ORIGIN_IMPORTED);
  g_assert_cmpstr (ik_bank_get_origin_file (from_guide), ==, "guide.md");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (from_guide)), ==, 2);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Without a title header the file name is the title. */
  guide_body = strstr (guide, "Interview Questions\n");
  untitled = g_strdup (guide_body);
  from_untitled = ik_bank_import_file_contents (untitled, strlen (untitled),
                                                "/home/me/Downloads/sre_on-call.guide.txt",
                                                &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_title (from_untitled), ==, "sre on call.guide");
  g_assert_cmpstr (ik_bank_get_origin_file (from_untitled), ==, "sre_on-call.guide.txt");
}

static void
test_import_file_contents_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = NULL;
  static const char broken_json[] = "{\n  \"format\": \"interview-kit/bank\",\n  oops\n}\n";
  static const char binary[] = "\x7f" "ELF\0\0\0";

  bank = ik_bank_import_file_contents (broken_json, strlen (broken_json), "bank.json", &warnings, &error);
  g_assert_null (bank);
  g_assert_null (warnings);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  bank = ik_bank_import_file_contents (binary, sizeof binary - 1, "a.out", &warnings, &error);
  g_assert_null (bank);
  g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_BINARY);
  g_clear_error (&error);

  bank = ik_bank_import_file_contents ("", 0, NULL, &warnings, &error);
  g_assert_null (bank);
  g_assert_error (error, IK_IMPORT_ERROR, IK_IMPORT_ERROR_NO_QUESTIONS);
}

typedef struct
{
  gboolean   done;
  IkBank    *bank;
  GPtrArray *warnings;
  GError    *error;
  GArray    *fractions;
  GThread   *main_thread;
} AsyncImport;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncImport *import = user_data;

  /* Delivered where the import was started, not in the worker. */
  g_assert_true (g_thread_self () == import->main_thread);
  g_assert_false (import->done);
  g_array_append_val (import->fractions, fraction);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncImport *import = user_data;

  import->bank = ik_bank_import_file_contents_finish (result, &import->warnings, &import->error);
  import->done = TRUE;
}

static void
run_async_import (AsyncImport  *import,
                  GBytes       *data,
                  GCancellable *cancellable)
{
  import->main_thread = g_thread_self ();
  import->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  ik_bank_import_file_contents_async (data, "guide.txt", cancellable, on_progress, import, NULL,
                                      on_imported, import);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  while (!import->done)
    g_main_context_iteration (NULL, TRUE);
  /* Reports still queued are dropped once the result is in. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_import_file_contents_async (void)
{
  gsize length = 0;
  g_autofree char *guide = ik_test_read_fixture ("guides/canonical.txt", &length);
  g_autoptr(GBytes) data = g_bytes_new (guide, length);
  g_autoptr(GString) big = g_string_new ("Question?\nAreas to Cover:\n- Area\n");
  g_autoptr(GBytes) big_data = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncImport import = { 0 };
  AsyncImport cancelled = { 0 };

  run_async_import (&import, data, NULL);
  g_assert_no_error (import.error);
  g_assert_nonnull (import.bank);
  g_assert_cmpstr (ik_bank_get_origin_file (import.bank), ==, "guide.txt");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (import.bank)), ==, 3);
  g_assert_nonnull (import.warnings);
  g_assert_cmpuint (import.warnings->len, ==, 1);
  for (guint i = 1; i < import.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (import.fractions, double, i), >=,
                       g_array_index (import.fractions, double, i - 1));
  g_clear_object (&import.bank);
  g_clear_pointer (&import.warnings, g_ptr_array_unref);
  g_array_unref (import.fractions);

  /* Cancelled: an error, no bank, no warnings. */
  while (big->len < 4 * 1024 * 1024)
    g_string_append (big, "  wrapped\n");
  big_data = g_bytes_new (big->str, big->len);
  run_async_import (&cancelled, big_data, cancellable);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.bank);
  g_assert_null (cancelled.warnings);
  g_clear_error (&cancelled.error);
  g_array_unref (cancelled.fractions);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bank-export/markdown/round-trip", test_markdown_round_trip);
  g_test_add_func ("/bank-export/markdown/empty-bank", test_markdown_empty_bank);
  g_test_add_func ("/bank-export/markdown/hostile-text", test_markdown_hostile_text);
  g_test_add_func ("/bank-export/markdown/control-characters", test_markdown_control_characters);
  g_test_add_func ("/bank-export/markdown/unknown-numbers", test_markdown_unknown_numbers);
  g_test_add_func ("/bank-export/markdown/edits-are-read", test_markdown_edits_are_read);
  g_test_add_func ("/bank-export/markdown/errors", test_markdown_errors);
  g_test_add_func ("/bank-export/markdown/bad-bytes", test_markdown_bad_bytes);
  g_test_add_func ("/bank-export/markdown/hand-written", test_markdown_minimal_hand_written);
  g_test_add_func ("/bank-export/guide-text/round-trip", test_guide_text_round_trip);
  g_test_add_func ("/bank-export/guide-text/round-trip-imported", test_guide_text_round_trip_imported);
  g_test_add_func ("/bank-export/guide-text/structure-words", test_guide_text_structure_words);
  g_test_add_func ("/bank-export/json/round-trip", test_json_round_trip);
  g_test_add_func ("/bank-export/import-file/dispatch", test_import_file_contents);
  g_test_add_func ("/bank-export/import-file/errors", test_import_file_contents_errors);
  g_test_add_func ("/bank-export/import-file/async", test_import_file_contents_async);

  return g_test_run ();
}
