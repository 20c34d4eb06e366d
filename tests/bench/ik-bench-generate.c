/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A synthetic library as a busy interviewer would have after a few years:
 * banks of behavioural questions with areas, follow-ups, competencies with
 * anchors and tags, and sessions with several kilobytes of typed notes, a
 * rating for every question and a full scorecard, half of them submitted.
 *
 * Everything is built through the model API, serialised with
 * ik_json_to_data() and written where IkLibrary reads it. The text comes
 * from a fixed vocabulary and a seeded GRand, and ids from the seeded
 * global generator, so two runs with the same seed write the same library
 * (up to the seal of submitted scorecards, which covers the same content). */

#include "config.h"

#include "ik-bench-generate.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>

#include "ik-bank.h"
#include "ik-competency.h"
#include "ik-json.h"
#include "ik-question-record.h"
#include "ik-question.h"
#include "ik-scorecard.h"
#include "ik-session.h"

#define COMPETENCIES_PER_BANK 6
#define RECORDS_PER_SESSION 6
#define NOTES_PER_SESSION 3072

static const char * const nouns[] = {
  "security", "incident", "threat", "model", "pipeline", "deployment",
  "release", "dataset", "prompt", "injection", "access", "token", "secret",
  "vulnerability", "review", "audit", "policy", "vendor", "customer",
  "outage", "rollback", "migration", "database", "schema", "latency",
  "budget", "deadline", "stakeholder", "roadmap", "backlog", "sprint",
  "architecture", "service", "cluster", "monitoring", "alert", "dashboard",
  "encryption", "certificate", "firewall", "network", "endpoint", "library",
  "dependency", "supply", "chain", "compliance", "regulation", "privacy",
  "retention", "logging", "evaluation", "benchmark", "guardrail", "agent",
  "classifier", "training", "inference", "feedback", "team", "mentor",
  "conflict", "trade-off", "estimate", "requirement", "prototype", "launch",
};

static const char * const verbs[] = {
  "designed", "reviewed", "escalated", "investigated", "negotiated",
  "documented", "automated", "measured", "prioritised", "rebuilt",
  "simplified", "explained", "defended", "tested", "shipped", "monitored",
  "delegated", "planned", "questioned", "fixed", "reverted", "hardened",
};

static const char * const adjectives[] = {
  "critical", "unclear", "risky", "late", "expensive", "fragile", "legacy",
  "sensitive", "external", "internal", "urgent", "ambiguous", "noisy",
  "untested", "shared", "public", "regulated", "distributed", "manual",
};

static const char * const openings[] = {
  "Tell me about a time you",
  "Describe a situation where you",
  "Walk me through how you",
  "Give an example of when you",
  "How did you decide when you",
  "What happened the last time you",
};

static const char * const tags[] = {
  "ai-security", "leadership", "communication", "delivery", "architecture",
  "incident-response", "privacy", "testing", "mentoring", "product",
};

static const char * const first_names[] = {
  "Amira", "Björn", "Chen", "Dolores", "Émile", "Farida", "Gustavo", "Hana",
  "Ines", "Jonas", "Kavya", "Luca", "Mei", "Nikolai", "Olu", "Priya",
};

static const char * const last_names[] = {
  "Okafor", "Lindqvist", "Wang", "Márquez", "Dubois", "Haddad", "Pereira",
  "Sato", "Costa", "Becker", "Iyer", "Romano", "Lin", "Petrov", "Adeyemi",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static void
append_phrase (GString *out,
               GRand   *rand,
               guint    n_words)
{
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          g_string_append (out, PICK (rand, adjectives));
          break;
        case 1:
          g_string_append (out, PICK (rand, verbs));
          break;
        default:
          g_string_append (out, PICK (rand, nouns));
          break;
        }
    }
}

static char *
make_sentence (GRand *rand,
               guint  min_words,
               guint  max_words)
{
  GString *out = g_string_new (NULL);

  append_phrase (out, rand, g_rand_int_range (rand, min_words, max_words + 1));
  out->str[0] = g_ascii_toupper (out->str[0]);
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static GStrv
make_sentences (GRand *rand,
                guint  n,
                guint  min_words,
                guint  max_words)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sentence = make_sentence (rand, min_words, max_words);

      g_strv_builder_add (builder, sentence);
    }
  return g_strv_builder_end (builder);
}

/* Paragraphs of notes as they are typed during an interview: short
 * observations, quotes, line breaks. */
static char *
make_notes (GRand *rand,
            gsize  length)
{
  GString *out = g_string_sized_new (length + 64);

  while (out->len < length)
    {
      g_autofree char *sentence = make_sentence (rand, 6, 16);

      if (out->len > 0)
        g_string_append (out, g_rand_int_range (rand, 0, 5) == 0 ? "\n\n" : " ");
      if (g_rand_int_range (rand, 0, 8) == 0)
        g_string_append (out, "- ");
      g_string_append (out, sentence);
    }
  return g_string_free (out, FALSE);
}

static GDateTime *
fixed_time (guint day_offset,
            guint minutes)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2024, 1, 8, 9, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (base, day_offset);

  return g_date_time_add_minutes (day, minutes);
}

static gboolean
write_document (const char  *dir,
                const char  *id,
                JsonNode    *root,
                guint64     *total,
                GError     **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  data = ik_json_to_data (root, &length, error);
  if (data == NULL)
    return FALSE;
  *total += length;
  /* Written the way the store leaves its files (0600), so that loading does
   * not have to repair modes; durability does not matter here. */
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, error);
}

static IkBank *
make_bank (GRand *rand,
           guint  index,
           guint  n_questions)
{
  g_autofree char *title = g_strdup_printf ("Synthetic bank %u", index + 1);
  g_autofree char *bank_id = g_strdup_printf ("bench-bank-%04u", index);
  g_autofree char *description = make_notes (rand, 400);
  g_autoptr(IkBank) bank = g_object_new (IK_TYPE_BANK, "id", bank_id, NULL);
  g_autoptr(GDateTime) when = fixed_time (index, 0);
  GListStore *competencies = G_LIST_STORE (ik_bank_get_competencies (bank));
  GListStore *questions = G_LIST_STORE (ik_bank_get_questions (bank));
  char *competency_ids[COMPETENCIES_PER_BANK];
  g_autoptr(GPtrArray) new_questions = g_ptr_array_new_with_free_func (g_object_unref);

  ik_bank_set_title (bank, title);
  ik_bank_set_description (bank, description);

  for (guint c = 0; c < COMPETENCIES_PER_BANK; c++)
    {
      g_autoptr(IkCompetency) competency = NULL;
      g_autofree char *name = NULL;
      g_autofree char *competency_description = make_notes (rand, 160);

      competency_ids[c] = g_strdup_printf ("competency-%u", c);
      name = g_strdup_printf ("%s %s", PICK (rand, adjectives), PICK (rand, nouns));
      name[0] = g_ascii_toupper (name[0]);
      competency = ik_competency_new (competency_ids[c], name);
      ik_competency_set_description (competency, competency_description);
      for (guint level = 1; level <= 4; level++)
        {
          g_autofree char *general = make_sentence (rand, 10, 18);
          g_autofree char *senior = make_sentence (rand, 10, 18);

          ik_competency_set_anchor (competency, level, IK_ANCHOR_GENERAL, general);
          ik_competency_set_anchor (competency, level, IK_SENIORITY_SENIOR, senior);
        }
      g_list_store_append (competencies, competency);
    }

  for (guint q = 0; q < n_questions; q++)
    {
      g_autofree char *question_id = g_strdup_printf ("bench-q-%04u-%05u", index, q);
      IkQuestion *question = g_object_new (IK_TYPE_QUESTION, "id", question_id, NULL);
      g_autoptr(GString) text = g_string_new (PICK (rand, openings));
      g_auto(GStrv) areas = make_sentences (rand, g_rand_int_range (rand, 3, 6), 4, 10);
      g_auto(GStrv) follow_ups = make_sentences (rand, g_rand_int_range (rand, 2, 4), 6, 12);
      const char *question_competencies[3] = { NULL, NULL, NULL };
      const char *question_tags[3] = { NULL, NULL, NULL };
      guint first = g_rand_int_range (rand, 0, COMPETENCIES_PER_BANK);

      g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, verbs));
      g_string_append (text, " a ");
      append_phrase (text, rand, g_rand_int_range (rand, 3, 8));
      g_string_append_c (text, '?');

      question_competencies[0] = competency_ids[first];
      if (g_rand_boolean (rand))
        question_competencies[1] = competency_ids[(first + 1) % COMPETENCIES_PER_BANK];
      question_tags[0] = PICK (rand, tags);
      if (g_rand_boolean (rand))
        question_tags[1] = PICK (rand, tags);
      if (question_tags[1] != NULL && strcmp (question_tags[0], question_tags[1]) == 0)
        question_tags[1] = NULL;

      ik_question_set_text (question, text->str);
      ik_question_set_areas (question, (const char * const *) areas);
      ik_question_set_follow_ups (question, (const char * const *) follow_ups);
      ik_question_set_competencies (question, question_competencies);
      ik_question_set_tags (question, question_tags);
      ik_question_set_minutes (question, 5 * g_rand_int_range (rand, 1, 5));
      g_ptr_array_add (new_questions, question);
    }
  /* One splice: one items-changed instead of one per question. */
  g_list_store_splice (questions, 0, 0, new_questions->pdata, new_questions->len);

  for (guint c = 0; c < COMPETENCIES_PER_BANK; c++)
    g_free (competency_ids[c]);

  ik_bank_set_created (bank, when);
  ik_bank_set_modified (bank, when);
  return g_steal_pointer (&bank);
}

static IkSession *
make_session (GRand  *rand,
              guint   index,
              IkBank *bank,
              guint64 *notes_bytes)
{
  g_autoptr(IkSession) session = ik_session_new ();
  GListModel *questions = ik_bank_get_questions (bank);
  guint n_questions = g_list_model_get_n_items (questions);
  guint n_records = MIN (RECORDS_PER_SESSION, n_questions);
  g_autoptr(GDateTime) scheduled = fixed_time (index / 3, 60 * (index % 3));
  g_autofree char *candidate = g_strdup_printf ("%s %s", PICK (rand, first_names), PICK (rand, last_names));
  g_autofree char *candidate_id = g_strdup_printf ("CAND-%05u", index);
  g_autofree char *interviewer = g_strdup_printf ("%s %s", PICK (rand, first_names), PICK (rand, last_names));
  g_autofree char *summary = make_notes (rand, 600);
  IkScorecard *scorecard;
  GListModel *ratings;
  guint first = n_questions > 0 ? g_rand_int_range (rand, 0, n_questions) : 0;
  g_autoptr(GPtrArray) record_ids = g_ptr_array_new ();

  ik_session_set_candidate_name (session, candidate);
  ik_session_set_candidate_id (session, candidate_id);
  ik_session_set_role (session, "Security engineer");
  ik_session_set_seniority (session, g_rand_int_range (rand, IK_SENIORITY_JUNIOR, IK_SENIORITY_LEAD + 1));
  ik_session_set_interviewer (session, interviewer);
  ik_session_set_scheduled (session, scheduled);
  ik_session_set_bank_id (session, ik_bank_get_id (bank));
  ik_session_set_bank_title (session, ik_bank_get_title (bank));

  for (guint r = 0; r < n_records; r++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (questions, (first + r * 7) % n_questions);
      IkQuestionRecord *record = ik_session_add_question (session, question);
      g_autofree char *notes = make_notes (rand, NOTES_PER_SESSION / n_records);

      *notes_bytes += strlen (notes);
      ik_question_record_set_notes (record, notes);
      ik_question_record_set_seconds (record, 60 * g_rand_int_range (rand, 4, 15));
      ik_question_record_set_rating (record, g_rand_int_range (rand, 1, IK_RATING_MAX + 1));
      ik_question_record_set_star (record, g_rand_int_range (rand, 0, IK_STAR_ALL + 1));
      for (guint a = 0; a < ik_question_record_get_n_areas (record); a++)
        ik_question_record_set_area_covered (record, a, g_rand_int_range (rand, 0, 4) != 0);
      for (guint f = 0; f < ik_question_record_get_n_follow_ups (record); f++)
        ik_question_record_set_follow_up_asked (record, f, g_rand_boolean (rand));
      g_ptr_array_add (record_ids, (gpointer) ik_question_get_id (question));
    }
  g_ptr_array_add (record_ids, NULL);

  ik_session_ensure_scorecard_ratings (session, bank);
  scorecard = ik_session_get_scorecard (session);
  ratings = ik_scorecard_get_ratings (scorecard);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      g_autofree char *evidence = make_notes (rand, 240);
      const char *evidence_questions[2] = { g_ptr_array_index (record_ids, i % n_records), NULL };

      ik_competency_rating_set_rating (rating, g_rand_int_range (rand, 1, IK_RATING_MAX + 1));
      ik_competency_rating_set_evidence (rating, evidence);
      ik_competency_rating_set_evidence_questions (rating, evidence_questions);
    }
  ik_scorecard_set_recommendation (scorecard, g_rand_int_range (rand, IK_RECOMMENDATION_STRONG_NO,
                                                                 IK_RECOMMENDATION_STRONG_YES + 1));
  ik_scorecard_set_summary (scorecard, summary);

  ik_session_set_elapsed (session, 45 * 60);
  if (index % 2 == 0)
    {
      g_autoptr(GDateTime) submitted = g_date_time_add_hours (scheduled, 2);

      ik_scorecard_submit (scorecard, submitted);
      ik_session_set_state (session, IK_SESSION_STATE_SUBMITTED);
    }
  else
    ik_session_set_state (session, IK_SESSION_STATE_COMPLETED);

  return g_steal_pointer (&session);
}

/**
 * ik_bench_generate_library:
 * @dir: the library root; `banks/` and `sessions/` are created in it
 * @sizes: how much to write
 * @seed: the seed of every random choice
 * @info: (out) (optional): sizes of what was written
 * @error: return location for an error
 *
 * Writes a synthetic library into @dir.
 *
 * Returns: whether every file was written
 */
gboolean
ik_bench_generate_library (const char          *dir,
                           const IkBenchSizes  *sizes,
                           guint32              seed,
                           IkBenchLibraryInfo  *info,
                           GError             **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *banks_dir = g_build_filename (dir, "banks", NULL);
  g_autofree char *sessions_dir = g_build_filename (dir, "sessions", NULL);
  g_autoptr(GPtrArray) banks = g_ptr_array_new_with_free_func (g_object_unref);
  IkBenchLibraryInfo local_info = { 0, };

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (sizes != NULL, FALSE);
  g_return_val_if_fail (sizes->n_banks > 0 || sizes->n_sessions == 0, FALSE);

  /* Session ids come from ik_uuid_new(), i.e. the global generator. */
  g_random_set_seed (seed);

  if (g_mkdir_with_parents (banks_dir, 0700) != 0 || g_mkdir_with_parents (sessions_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint b = 0; b < sizes->n_banks; b++)
    {
      g_autoptr(IkBank) bank = make_bank (rand, b, sizes->n_questions);
      g_autoptr(JsonNode) root = ik_bank_to_json (bank);

      if (!write_document (banks_dir, ik_bank_get_id (bank), root, &local_info.bytes_banks, error))
        return FALSE;
      g_ptr_array_add (banks, g_steal_pointer (&bank));
    }

  for (guint s = 0; s < sizes->n_sessions; s++)
    {
      IkBank *bank = g_ptr_array_index (banks, s % banks->len);
      g_autoptr(IkSession) session = make_session (rand, s, bank, &local_info.bytes_notes);
      g_autoptr(JsonNode) root = ik_session_to_json (session);

      if (!write_document (sessions_dir, ik_session_get_id (session), root,
                           &local_info.bytes_sessions, error))
        return FALSE;
    }

  if (info != NULL)
    *info = local_info;
  return TRUE;
}

/**
 * ik_bench_generate_notes:
 * @seed: seed of the text
 * @length: at least this many bytes
 *
 * Typed notes of about @length bytes, as in the sessions of the library.
 *
 * Returns: (transfer full): the notes
 */
char *
ik_bench_generate_notes (guint32 seed,
                         gsize   length)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  return make_notes (rand, length);
}

static void
append_question_sentence (GString *out,
                          GRand   *rand)
{
  g_string_append_printf (out, "%s ", PICK (rand, openings));
  append_phrase (out, rand, g_rand_int_range (rand, 4, 10));
  g_string_append (out, "?\n");
}

/**
 * ik_bench_generate_guide:
 * @seed: seed of the text
 * @length: at least this many bytes
 * @long_item: how long the first area to cover is, in bytes
 *
 * A plain-text interview guide of about @length bytes for
 * ik_guide_import(): questions with areas to cover and follow-ups, areas
 * wrapped over indented continuation lines as text copied from a PDF is,
 * and a frequently asked questions part. The first area is wrapped over
 * @long_item bytes of continuation lines: the case that made the import
 * quadratic.
 *
 * Returns: (transfer full): the guide
 */
char *
ik_bench_generate_guide (guint32 seed,
                         gsize   length,
                         gsize   long_item)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *out = g_string_sized_new (length + 1024);
  g_autofree char *intro = make_notes (rand, 600);
  gboolean first = TRUE;
  gsize faq_start = length - MIN (length / 10, 64 * 1024);

  g_string_append_printf (out, "Interview Questions for Synthetic Engineer\n\n%s\n\nInterview Questions\n\n", intro);
  while (out->len < faq_start)
    {
      append_question_sentence (out, rand);
      g_string_append (out, "Areas to Cover:\n");
      for (guint a = 0; a < 3; a++)
        {
          guint n_wrapped = g_rand_int_range (rand, 0, 3);

          g_string_append (out, "- ");
          append_phrase (out, rand, g_rand_int_range (rand, 3, 9));
          g_string_append_c (out, '\n');
          if (first)
            {
              gsize end = out->len + long_item;

              /* Short lines, as a narrow column copied from a PDF. */
              while (out->len < end)
                {
                  g_string_append (out, "  ");
                  append_phrase (out, rand, 1);
                  g_string_append_c (out, '\n');
                }
              first = FALSE;
            }
          for (guint w = 0; w < n_wrapped; w++)
            {
              g_string_append (out, "  ");
              append_phrase (out, rand, g_rand_int_range (rand, 4, 10));
              g_string_append_c (out, '\n');
            }
        }
      g_string_append (out, "Follow-Up Questions:\n- ");
      append_question_sentence (out, rand);
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "Frequently Asked Questions\n\n");
  while (out->len < length)
    {
      g_autofree char *answer = make_notes (rand, 300);

      append_question_sentence (out, rand);
      g_string_append_printf (out, "%s\n\n", answer);
    }
  return g_string_free (out, FALSE);
}
