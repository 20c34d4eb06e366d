/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ik-enum-types.h"
#include "ik-gnutls.h"
#include "ik-json.h"
#include "ik-scorecard-private.h"
#include "ik-scorecard.h"
#include "ik-session.h"
#include "ik-test-util.h"

static GDateTime *
make_time (const char *iso)
{
  GDateTime *t = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (t);
  return t;
}

static void
count_signal (gpointer  object,
              guint    *count)
{
  (*count)++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Builds a scorecard with the given ratings in the given order. */
static IkScorecard *
make_scorecard (gboolean reversed)
{
  static const char * const ids[] = { "ai-security", "communication", "privacy" };
  static const int values[] = { 3, IK_RATING_NOT_ASSESSED, IK_RATING_UNRATED };
  static const char * const evidence[] = { "Spotted the \"indirect\" injection.\nFixed it.", "", "" };
  static const char * const questions[] = { "q-1", "q-2", NULL };
  IkScorecard *scorecard = ik_scorecard_new ();

  ik_scorecard_set_context (scorecard, "session-1", "cand-9");
  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      guint i = reversed ? G_N_ELEMENTS (ids) - 1 - k : k;
      g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new (ids[i], ids[i]);

      g_assert_true (ik_competency_rating_set_rating (rating, values[i]));
      g_assert_true (ik_competency_rating_set_evidence (rating, evidence[i]));
      if (i == 0)
        g_assert_true (ik_competency_rating_set_evidence_questions (rating, questions));
      g_assert_true (ik_scorecard_add_rating (scorecard, rating));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_STRONG_YES));
  g_assert_true (ik_scorecard_set_summary (scorecard, "Clear thinker — hire."));
  return scorecard;
}

static gboolean
is_lower_hex_sha256 (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static void
test_seal_determinism (void)
{
  g_autoptr(IkScorecard) a = make_scorecard (FALSE);
  g_autoptr(IkScorecard) b = make_scorecard (TRUE);
  g_autofree char *seal_a = ik_scorecard_compute_seal (a);
  g_autofree char *seal_a2 = ik_scorecard_compute_seal (a);
  g_autofree char *seal_b = ik_scorecard_compute_seal (b);
  g_autofree char *canonical = ik_scorecard_get_canonical_content (a);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);

  g_assert_true (is_lower_hex_sha256 (seal_a));
  g_assert_cmpstr (seal_a, ==, seal_a2);
  /* The order the ratings were added in does not matter. */
  g_assert_cmpstr (seal_a, ==, seal_b);
  g_assert_cmpstr (seal_a, ==, expected);

  /* The canonical form is fixed, compact JSON with sorted ratings. */
  g_assert_cmpstr (canonical, ==,
                   "{\"seal_version\":1,\"session_id\":\"session-1\",\"candidate_id\":\"cand-9\","
                   "\"ratings\":["
                   "{\"competency_id\":\"ai-security\",\"rating\":3,"
                   "\"evidence\":\"Spotted the \\\"indirect\\\" injection.\\nFixed it.\","
                   "\"evidence_questions\":[\"q-1\",\"q-2\"]},"
                   "{\"competency_id\":\"communication\",\"rating\":\"not-assessed\",\"evidence\":\"\",\"evidence_questions\":[]},"
                   "{\"competency_id\":\"privacy\",\"rating\":null,\"evidence\":\"\",\"evidence_questions\":[]}],"
                   "\"recommendation\":\"strong-yes\",\"summary\":\"Clear thinker — hire.\"}");

  /* Competency names are a display snapshot, not sealed content. */
  g_assert_true (ik_competency_rating_set_competency_name (ik_scorecard_find_rating (a, "privacy"), "Privacy"));
  {
    g_autofree char *renamed = ik_scorecard_compute_seal (a);

    g_assert_cmpstr (renamed, ==, seal_a);
  }
}

static void
test_seal_canonical_escaping (void)
{
  g_autoptr(IkScorecard) scorecard = ik_scorecard_new ();
  g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("c", "C");
  const char *evidence = "quote \" backslash \\ nl \n cr \r tab \t bell \x07 unit \x1f é 😀 /";
  g_autofree char *canonical = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *first;

  ik_competency_rating_set_evidence (rating, evidence);
  ik_scorecard_add_rating (scorecard, rating);
  canonical = ik_scorecard_get_canonical_content (scorecard);

  /* A strict parser reads it back to the same text. */
  parsed = ik_json_parse (canonical, strlen (canonical), NULL, NULL, &error);
  g_assert_no_error (error);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (parsed), "ratings"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "evidence"), ==, evidence);
  g_assert_nonnull (strstr (canonical, "\\u0007"));
  g_assert_nonnull (strstr (canonical, "\\u001f"));
}

/* Seals are SHA-256 by GnuTLS: the same digests as GLib's, at every
 * length around SHA-256's 64-byte blocks and its 55/56-byte padding edge,
 * and at random lengths and bytes. */
static void
test_seal_sha256 (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (300000);

  /* Not GLib's fallback: the test would compare GLib with itself. */
  g_assert_nonnull (ik_gnutls_get (&error));
  g_assert_no_error (error);

  for (gsize i = 0; i < 300000; i++)
    buffer[i] = (char) g_rand_int_range (rand, 0, 256);
  for (gsize length = 0; length < 300; length++)
    {
      g_autofree char *ours = ik_sha256_string (buffer, length);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) buffer, length);

      g_assert_cmpstr (ours, ==, glib);
    }
  for (guint i = 0; i < 50; i++)
    {
      gsize length = g_rand_int_range (rand, 300, 300000);
      g_autofree char *ours = ik_sha256_string (buffer, length);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) buffer, length);

      g_assert_cmpstr (ours, ==, glib);
    }
  {
    g_autofree char *empty = ik_sha256_string (NULL, 0);

    g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}

static char *
random_text (GRand *rand)
{
  static const char * const pieces[] = {
    "a", "Seal", " ", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f",
    "\x7f", "<", ">", "/", "\u00e9", "\U0001F600", "\u2028", "\xc3", "null", "{\"x\":1}",
  };
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (text, FALSE);
}

/* The canonical content is written straight from the scorecard; it must be
 * byte for byte what the canonical writer makes of the content tree (the
 * form seals were computed over), whatever the text and ratings. */
static void
test_seal_canonical_direct (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  static const int ratings[] = { IK_RATING_UNRATED, IK_RATING_NOT_ASSESSED, 1, 2, 3, 4 };
  guint checked_text = 0;

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(IkScorecard) scorecard = ik_scorecard_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *direct = NULL;
      g_autofree char *session = g_strdup_printf ("s-%u", round);
      g_autofree char *candidate = round % 3 == 0 ? NULL : random_text (rand);
      g_autofree char *summary = random_text (rand);
      guint n_ratings = g_rand_int_range (rand, 0, 6);

      ik_scorecard_set_context (scorecard, round % 5 == 0 ? NULL : session, candidate);
      for (guint i = 0; i < n_ratings; i++)
        {
          g_autofree char *id = g_strdup_printf ("c-%d", g_rand_int_range (rand, 0, 1000));
          g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new (id, "Name");
          g_autofree char *evidence = random_text (rand);
          g_autofree char *q1 = random_text (rand);
          g_autofree char *q2 = random_text (rand);
          const char *questions[] = { q1, q2, NULL };

          ik_competency_rating_set_rating (rating, ratings[g_rand_int_range (rand, 0, G_N_ELEMENTS (ratings))]);
          if (ik_competency_rating_set_evidence (rating, evidence) && evidence[0] != '\0')
            checked_text++;
          ik_competency_rating_set_evidence_questions (rating, g_rand_boolean (rand) ? questions : questions + 2);
          ik_scorecard_add_rating (scorecard, rating);
        }
      ik_scorecard_set_summary (scorecard, summary);
      ik_scorecard_set_recommendation (scorecard, g_rand_int_range (rand, IK_RECOMMENDATION_NONE, IK_RECOMMENDATION_STRONG_YES + 1));

      node = ik_scorecard_canonical_content_node (scorecard);
      g_assert_true (ik_json_write (expected, node, IK_JSON_WRITE_CANONICAL, &error));
      g_assert_no_error (error);
      direct = ik_scorecard_get_canonical_content (scorecard);
      g_assert_cmpstr (direct, ==, expected->str);
    }
  /* The odd text reached the content, not only empty strings. */
  g_assert_cmpuint (checked_text, >, 300);
}

typedef void (*Mutation) (IkScorecard *scorecard);

static void
mutate_evidence_char (IkScorecard *s)
{
  ik_competency_rating_set_evidence (ik_scorecard_find_rating (s, "ai-security"),
                                     "Spotted the \"indirect\" injection.\nFixed it!");
}

static void
mutate_evidence_trailing_space (IkScorecard *s)
{
  ik_competency_rating_set_evidence (ik_scorecard_find_rating (s, "ai-security"),
                                     "Spotted the \"indirect\" injection.\nFixed it. ");
}

static void
mutate_rating (IkScorecard *s)
{
  ik_competency_rating_set_rating (ik_scorecard_find_rating (s, "ai-security"), 4);
}

static void
mutate_unrated_to_not_assessed (IkScorecard *s)
{
  ik_competency_rating_set_rating (ik_scorecard_find_rating (s, "privacy"), IK_RATING_NOT_ASSESSED);
}

static void
mutate_evidence_questions (IkScorecard *s)
{
  static const char * const reordered[] = { "q-2", "q-1", NULL };

  ik_competency_rating_set_evidence_questions (ik_scorecard_find_rating (s, "ai-security"), reordered);
}

static void
mutate_recommendation (IkScorecard *s)
{
  ik_scorecard_set_recommendation (s, IK_RECOMMENDATION_YES);
}

static void
mutate_summary (IkScorecard *s)
{
  ik_scorecard_set_summary (s, "Clear thinker — hire!");
}

static void
mutate_candidate (IkScorecard *s)
{
  ik_scorecard_set_context (s, "session-1", "cand-8");
}

static void
mutate_session (IkScorecard *s)
{
  ik_scorecard_set_context (s, "session-2", "cand-9");
}

static void
mutate_remove_rating (IkScorecard *s)
{
  ik_scorecard_remove_rating (s, "privacy");
}

static void
mutate_add_rating (IkScorecard *s)
{
  g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("zeta", "Zeta");

  ik_scorecard_add_rating (s, rating);
}

static void
mutate_move_text_between_fields (IkScorecard *s)
{
  /* Same characters overall, in another field: must still differ. */
  ik_scorecard_set_summary (s, "Clear thinker — hire.\"");
  ik_competency_rating_set_evidence (ik_scorecard_find_rating (s, "ai-security"),
                                     "Spotted the \"indirect\" injection.\nFixed it");
}

static void
test_seal_sensitivity (void)
{
  static const Mutation mutations[] = {
    mutate_evidence_char,
    mutate_evidence_trailing_space,
    mutate_rating,
    mutate_unrated_to_not_assessed,
    mutate_evidence_questions,
    mutate_recommendation,
    mutate_summary,
    mutate_candidate,
    mutate_session,
    mutate_remove_rating,
    mutate_add_rating,
    mutate_move_text_between_fields,
  };
  g_autoptr(IkScorecard) reference = make_scorecard (FALSE);
  g_autofree char *reference_seal = ik_scorecard_compute_seal (reference);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_add (seen, g_strdup (reference_seal));
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autoptr(IkScorecard) scorecard = make_scorecard (FALSE);
      char *seal;

      mutations[i] (scorecard);
      seal = ik_scorecard_compute_seal (scorecard);
      g_assert_true (is_lower_hex_sha256 (seal));
      if (!g_hash_table_add (seen, seal))
        g_error ("mutation %u did not change the seal", i);
    }
}

static void
test_submit_read_only (void)
{
  g_autoptr(IkScorecard) scorecard = make_scorecard (FALSE);
  g_autoptr(GDateTime) when = make_time ("2026-11-25T11:30:00+01:00");
  g_autoptr(GDateTime) later = make_time ("2026-11-26T11:30:00+01:00");
  g_autoptr(IkCompetencyRating) extra = ik_competency_rating_new ("extra", "Extra");
  g_autofree char *expected_seal = ik_scorecard_compute_seal (scorecard);
  g_autofree char *seal = NULL;
  IkCompetencyRating *rating = ik_scorecard_find_rating (scorecard, "ai-security");
  guint changed = 0;
  gboolean read_only = FALSE;

  g_assert_false (ik_scorecard_get_read_only (scorecard));
  g_assert_null (ik_scorecard_get_submitted (scorecard));
  g_assert_null (ik_scorecard_get_seal (scorecard));
  g_assert_false (ik_scorecard_verify_seal (scorecard));

  g_signal_connect (scorecard, "changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (ik_scorecard_submit (scorecard, when));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_object_get (scorecard, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_true (ik_competency_rating_get_read_only (rating));
  g_assert_true (g_date_time_equal (ik_scorecard_get_submitted (scorecard), when));
  g_assert_cmpstr (ik_scorecard_get_seal (scorecard), ==, expected_seal);
  g_assert_true (ik_scorecard_verify_seal (scorecard));

  /* Every edit is refused and changes nothing. */
  g_assert_false (ik_scorecard_submit (scorecard, later));
  g_assert_true (g_date_time_equal (ik_scorecard_get_submitted (scorecard), when));
  g_assert_false (ik_scorecard_set_summary (scorecard, "changed"));
  g_assert_false (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_NO));
  g_object_set (scorecard, "summary", "via property", NULL);
  g_assert_false (ik_competency_rating_set_rating (rating, 1));
  g_assert_false (ik_competency_rating_set_evidence (rating, "changed"));
  g_assert_false (ik_competency_rating_set_evidence_questions (rating, NULL));
  g_assert_false (ik_competency_rating_set_competency_name (rating, "renamed"));
  g_assert_false (ik_scorecard_add_rating (scorecard, extra));
  g_assert_false (ik_scorecard_remove_rating (scorecard, "privacy"));

  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (ik_scorecard_get_summary (scorecard), ==, "Clear thinker — hire.");
  g_assert_cmpint (ik_scorecard_get_recommendation (scorecard), ==, IK_RECOMMENDATION_STRONG_YES);
  g_assert_cmpint (ik_competency_rating_get_rating (rating), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_ratings (scorecard)), ==, 3);
  seal = ik_scorecard_compute_seal (scorecard);
  g_assert_cmpstr (seal, ==, expected_seal);
  g_assert_true (ik_scorecard_verify_seal (scorecard));

  /* A context change after sealing is detected. */
  ik_scorecard_set_context (scorecard, "session-1", "someone-else");
  g_assert_false (ik_scorecard_verify_seal (scorecard));
}

static void
test_amend (void)
{
  g_autoptr(IkScorecard) scorecard = make_scorecard (FALSE);
  g_autoptr(GDateTime) first = make_time ("2026-11-25T11:30:00Z");
  g_autoptr(GDateTime) second = make_time ("2026-11-27T09:00:00Z");
  g_autoptr(GDateTime) before_amend = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkScorecardRevision) revision = NULL;
  g_autoptr(IkScorecardRevision) revision_again = NULL;
  g_autoptr(JsonNode) expected_content = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *old_seal = NULL;
  g_autofree char *new_seal = NULL;
  GListModel *revisions = ik_scorecard_get_revisions (scorecard);
  JsonNode *content_node;
  static const char * const blank_reasons[] = { "", " ", "\t\n " };
  guint changed = 0;

  /* A draft cannot be amended. */
  g_assert_false (ik_scorecard_amend (scorecard, "why", &error));
  g_assert_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_NOT_SUBMITTED);
  g_clear_error (&error);

  g_assert_true (ik_scorecard_submit (scorecard, first));
  old_seal = g_strdup (ik_scorecard_get_seal (scorecard));
  canonical = ik_scorecard_get_canonical_content (scorecard);
  expected_content = json_from_string (canonical, NULL);

  /* No reason, no amendment: still sealed, no revision. */
  g_assert_false (ik_scorecard_amend (scorecard, NULL, &error));
  g_assert_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_NO_REASON);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (blank_reasons); i++)
    {
      g_assert_false (ik_scorecard_amend (scorecard, blank_reasons[i], &error));
      g_assert_error (error, IK_SCORECARD_ERROR, IK_SCORECARD_ERROR_NO_REASON);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_assert_cmpstr (ik_scorecard_get_seal (scorecard), ==, old_seal);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 0);

  /* With a reason: the submitted state becomes a revision. */
  g_signal_connect (scorecard, "changed", G_CALLBACK (count_signal), &changed);
  before_amend = g_date_time_new_now_utc ();
  g_assert_true (ik_scorecard_amend (scorecard, "  Evidence was for the wrong competency  ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (ik_scorecard_get_read_only (scorecard));
  g_assert_false (ik_competency_rating_get_read_only (ik_scorecard_find_rating (scorecard, "ai-security")));
  g_assert_null (ik_scorecard_get_submitted (scorecard));
  g_assert_null (ik_scorecard_get_seal (scorecard));
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);
  revision = g_list_model_get_item (revisions, 0);
  g_assert_cmpstr (ik_scorecard_revision_get_reason (revision), ==, "Evidence was for the wrong competency");
  g_assert_cmpstr (ik_scorecard_revision_get_seal (revision), ==, old_seal);
  g_assert_true (g_date_time_equal (ik_scorecard_revision_get_submitted (revision), first));
  g_assert_cmpint (g_date_time_compare (ik_scorecard_revision_get_time (revision), before_amend), >=, 0);
  content_node = json_node_init_object (json_node_alloc (), ik_scorecard_revision_get_content (revision));
  g_assert_true (json_node_equal (content_node, expected_content));
  json_node_unref (content_node);

  /* Editable again; a new submission gets a new seal. */
  g_assert_true (ik_competency_rating_set_evidence (ik_scorecard_find_rating (scorecard, "ai-security"),
                                                    "Corrected evidence."));
  g_assert_true (ik_scorecard_submit (scorecard, second));
  new_seal = g_strdup (ik_scorecard_get_seal (scorecard));
  g_assert_true (is_lower_hex_sha256 (new_seal));
  g_assert_cmpstr (new_seal, !=, old_seal);
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_true (g_date_time_equal (ik_scorecard_get_submitted (scorecard), second));

  /* History is kept, not rewritten. */
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);
  revision_again = g_list_model_get_item (revisions, 0);
  g_assert_true (revision_again == revision);
  g_assert_cmpstr (ik_scorecard_revision_get_seal (revision_again), ==, old_seal);
  {
    JsonObject *content = ik_scorecard_revision_get_content (revision_again);
    JsonObject *r0 = json_array_get_object_element (json_object_get_array_member (content, "ratings"), 0);

    g_assert_cmpstr (json_object_get_string_member (r0, "evidence"), ==,
                     "Spotted the \"indirect\" injection.\nFixed it.");
  }

  /* The seal of a revision is the hash of its content. */
  {
    g_autofree char *rehash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);

    g_assert_cmpstr (rehash, ==, old_seal);
  }

  /* A second amendment appends. */
  g_assert_true (ik_scorecard_amend (scorecard, "Second thoughts", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  {
    g_autoptr(IkScorecardRevision) r0 = g_list_model_get_item (revisions, 0);
    g_autoptr(IkScorecardRevision) r1 = g_list_model_get_item (revisions, 1);

    g_assert_cmpstr (ik_scorecard_revision_get_seal (r0), ==, old_seal);
    g_assert_cmpstr (ik_scorecard_revision_get_seal (r1), ==, new_seal);
    g_assert_cmpstr (ik_scorecard_revision_get_reason (r1), ==, "Second thoughts");
  }
}

static IkScorecardGap *
find_gap (GPtrArray          *gaps,
          IkScorecardGapKind  kind,
          const char         *competency_id)
{
  for (guint i = 0; i < gaps->len; i++)
    {
      IkScorecardGap *gap = g_ptr_array_index (gaps, i);

      if (gap->kind == kind && g_strcmp0 (gap->competency_id, competency_id) == 0)
        return gap;
    }
  return NULL;
}

/* Like find_gap(), but the gap must exist. */
static IkScorecardGap *
get_gap (GPtrArray          *gaps,
         IkScorecardGapKind  kind,
         const char         *competency_id)
{
  IkScorecardGap *gap = find_gap (gaps, kind, competency_id);

  if (gap == NULL)
    g_error ("no gap of kind %d for “%s”", kind, competency_id);
  return gap;
}

static void
test_completeness (void)
{
  g_autoptr(IkScorecard) scorecard = ik_scorecard_new ();
  g_autoptr(IkCompetencyRating) a = ik_competency_rating_new ("a", "Alpha");
  g_autoptr(IkCompetencyRating) b = ik_competency_rating_new ("b", "");
  g_autoptr(IkCompetencyRating) c = ik_competency_rating_new ("c", "Gamma");
  g_autoptr(GPtrArray) gaps = NULL;
  IkScorecardGap *gap;

  ik_scorecard_add_rating (scorecard, a);
  ik_scorecard_add_rating (scorecard, b);
  ik_scorecard_add_rating (scorecard, c);

  /* Nothing filled in. */
  gaps = ik_scorecard_check_complete (scorecard, FALSE);
  g_assert_cmpuint (gaps->len, ==, 4);
  gap = get_gap (gaps, IK_SCORECARD_GAP_UNRATED, "a");
  g_assert_nonnull (strstr (gap->message, "Alpha"));
  /* Without a name, the id identifies the competency. */
  gap = get_gap (gaps, IK_SCORECARD_GAP_UNRATED, "b");
  g_assert_nonnull (strstr (gap->message, "“b”"));
  g_assert_nonnull (find_gap (gaps, IK_SCORECARD_GAP_UNRATED, "c"));
  gap = g_ptr_array_index (gaps, gaps->len - 1);
  g_assert_cmpint (gap->kind, ==, IK_SCORECARD_GAP_NO_RECOMMENDATION);
  g_assert_null (gap->competency_id);
  g_assert_cmpstr (gap->message, !=, "");
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* Rated without evidence: complete unless evidence is required. */
  ik_competency_rating_set_rating (a, 2);
  ik_competency_rating_set_rating (b, 4);
  ik_competency_rating_set_evidence (b, "   \n ");
  ik_competency_rating_set_rating (c, IK_RATING_NOT_ASSESSED);
  ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_NO);

  gaps = ik_scorecard_check_complete (scorecard, FALSE);
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  gaps = ik_scorecard_check_complete (scorecard, TRUE);
  g_assert_cmpuint (gaps->len, ==, 2);
  gap = get_gap (gaps, IK_SCORECARD_GAP_NO_EVIDENCE, "a");
  g_assert_nonnull (strstr (gap->message, "Alpha"));
  /* Blank evidence is no evidence. */
  g_assert_nonnull (find_gap (gaps, IK_SCORECARD_GAP_NO_EVIDENCE, "b"));
  /* "Not assessed" needs no evidence. */
  g_assert_null (find_gap (gaps, IK_SCORECARD_GAP_NO_EVIDENCE, "c"));
  g_clear_pointer (&gaps, g_ptr_array_unref);

  ik_competency_rating_set_evidence (a, "Did X.");
  ik_competency_rating_set_evidence (b, "Did Y.");
  gaps = ik_scorecard_check_complete (scorecard, TRUE);
  g_assert_cmpuint (gaps->len, ==, 0);
  g_clear_pointer (&gaps, g_ptr_array_unref);

  /* Back to unrated: reported as unrated, not as missing evidence. */
  ik_competency_rating_set_rating (a, IK_RATING_UNRATED);
  ik_competency_rating_set_evidence (a, "");
  ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_NONE);
  gaps = ik_scorecard_check_complete (scorecard, TRUE);
  g_assert_cmpuint (gaps->len, ==, 2);
  g_assert_nonnull (find_gap (gaps, IK_SCORECARD_GAP_UNRATED, "a"));
  g_assert_nonnull (find_gap (gaps, IK_SCORECARD_GAP_NO_RECOMMENDATION, NULL));
}

static void
test_duplicate_and_changed (void)
{
  g_autoptr(IkScorecard) scorecard = ik_scorecard_new ();
  g_autoptr(IkCompetencyRating) a = ik_competency_rating_new ("a", "A");
  g_autoptr(IkCompetencyRating) a2 = ik_competency_rating_new ("a", "A again");
  guint changed = 0;

  g_signal_connect (scorecard, "changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (ik_scorecard_add_rating (scorecard, a));
  g_assert_false (ik_scorecard_add_rating (scorecard, a2));
  g_assert_cmpuint (changed, ==, 1);

  ik_competency_rating_set_rating (a, 1);
  g_assert_cmpuint (changed, ==, 2);
  ik_competency_rating_set_rating (a, 1);
  g_assert_cmpuint (changed, ==, 2);

  g_assert_true (ik_scorecard_remove_rating (scorecard, "a"));
  g_assert_cmpuint (changed, ==, 3);
  ik_competency_rating_set_rating (a, 2);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_false (ik_scorecard_remove_rating (scorecard, "a"));
}

/* The scorecard is stored inside a session document; round-trip it there so
 * the schema check covers it. */
static void
test_json_round_trip (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(GDateTime) when = make_time ("2026-11-25T11:30:00.5+05:30");
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) copy = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  IkScorecard *loaded;
  static const char * const questions[] = { "q-1", NULL };
  gsize length = 0;

  ik_session_set_candidate_id (session, "cand-1");
  {
    g_autoptr(IkCompetencyRating) a = ik_competency_rating_new ("a", "Alpha");
    g_autoptr(IkCompetencyRating) b = ik_competency_rating_new ("b", "Beta");
    g_autoptr(IkCompetencyRating) c = ik_competency_rating_new ("c", "Gamma");

    ik_competency_rating_set_rating (a, 1);
    ik_competency_rating_set_evidence (a, "e\n\"a\"");
    ik_competency_rating_set_evidence_questions (a, questions);
    ik_competency_rating_set_rating (b, IK_RATING_NOT_ASSESSED);
    ik_scorecard_add_rating (scorecard, a);
    ik_scorecard_add_rating (scorecard, b);
    ik_scorecard_add_rating (scorecard, c);
  }
  ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_STRONG_NO);
  ik_scorecard_set_summary (scorecard, "Summary");
  ik_scorecard_submit (scorecard, when);
  ik_scorecard_amend (scorecard, "Reason", &error);
  g_assert_no_error (error);
  ik_scorecard_set_summary (scorecard, "Summary 2");
  ik_scorecard_submit (scorecard, when);

  root = ik_session_to_json (session);
  data = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  ik_test_assert_schema_valid_data ("session.schema.json", data, length);

  parsed = ik_json_parse (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  copy = ik_session_new_from_json (parsed, &error);
  g_assert_no_error (error);
  loaded = ik_session_get_scorecard (copy);

  g_assert_true (ik_scorecard_get_read_only (loaded));
  g_assert_true (ik_scorecard_verify_seal (loaded));
  g_assert_cmpstr (ik_scorecard_get_seal (loaded), ==, ik_scorecard_get_seal (scorecard));
  g_assert_true (g_date_time_equal (ik_scorecard_get_submitted (loaded), when));
  g_assert_cmpint (ik_scorecard_get_recommendation (loaded), ==, IK_RECOMMENDATION_STRONG_NO);
  g_assert_cmpstr (ik_scorecard_get_summary (loaded), ==, "Summary 2");
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (loaded, "a")), ==, 1);
  g_assert_cmpstr (ik_competency_rating_get_evidence (ik_scorecard_find_rating (loaded, "a")), ==, "e\n\"a\"");
  g_assert_cmpstrv (ik_competency_rating_get_evidence_questions (ik_scorecard_find_rating (loaded, "a")), questions);
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (loaded, "b")), ==, IK_RATING_NOT_ASSESSED);
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (loaded, "c")), ==, IK_RATING_UNRATED);
  g_assert_cmpstr (ik_competency_rating_get_competency_name (ik_scorecard_find_rating (loaded, "c")), ==, "Gamma");
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (loaded)), ==, 1);
  {
    g_autoptr(IkScorecardRevision) r = g_list_model_get_item (ik_scorecard_get_revisions (loaded), 0);
    g_autoptr(IkScorecardRevision) o = g_list_model_get_item (ik_scorecard_get_revisions (scorecard), 0);

    g_assert_cmpstr (ik_scorecard_revision_get_reason (r), ==, "Reason");
    g_assert_cmpstr (ik_scorecard_revision_get_seal (r), ==, ik_scorecard_revision_get_seal (o));
    g_assert_true (g_date_time_equal (ik_scorecard_revision_get_time (r), ik_scorecard_revision_get_time (o)));
    g_assert_true (g_date_time_equal (ik_scorecard_revision_get_submitted (r), when));
    /* An honest amendment reads back as such. */
    g_assert_false (ik_scorecard_revision_get_altered (r));
    g_assert_false (ik_scorecard_get_altered (loaded));
  }

  /* Amending the loaded copy works the same way. */
  g_assert_true (ik_scorecard_amend (loaded, "After reload", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (loaded)), ==, 2);

  g_clear_pointer (&root, json_node_unref);
  root = ik_session_to_json (copy);
  data2 = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  ik_test_assert_schema_valid_data ("session.schema.json", data2, length);
}

/* A file edited behind the application's back still opens, read-only, and
 * the broken seal is detectable. */
static void
test_tampered_file (void)
{
  g_autoptr(IkSession) session = ik_session_new ();
  IkScorecard *scorecard = ik_session_get_scorecard (session);
  g_autoptr(IkCompetencyRating) a = ik_competency_rating_new ("a", "Alpha");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *sc;
  JsonObject *r0;

  ik_competency_rating_set_rating (a, 2);
  ik_scorecard_add_rating (scorecard, a);
  ik_scorecard_submit (scorecard, NULL);

  root = ik_session_to_json (session);
  text = json_to_string (root, FALSE);
  g_clear_pointer (&root, json_node_unref);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  sc = json_object_get_object_member (json_node_get_object (root), "scorecard");
  r0 = json_array_get_object_element (json_object_get_array_member (sc, "ratings"), 0);
  json_object_set_int_member (r0, "rating", 4);

  copy = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_true (ik_scorecard_get_read_only (ik_session_get_scorecard (copy)));
  g_assert_false (ik_scorecard_verify_seal (ik_session_get_scorecard (copy)));
  g_assert_true (ik_scorecard_get_altered (ik_session_get_scorecard (copy)));
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_false (ik_scorecard_get_altered (scorecard));

  /* The same file read again by a running application: the session it
   * holds is updated in place and says so. */
  {
    guint notified = 0;

    g_signal_connect (scorecard, "notify::altered", G_CALLBACK (count_notify), &notified);
    ik_session_update_from (session, copy);
    g_assert_cmpuint (notified, ==, 1);
    g_assert_true (ik_scorecard_get_altered (scorecard));
    g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (scorecard, "a")), ==, 4);
  }
}

static char *
session_path (const char *dir,
              IkSession  *session)
{
  g_autofree char *name = g_strdup_printf ("%s.json", ik_session_get_id (session));

  return g_build_filename (dir, "sessions", name, NULL);
}

/* Replaces the one occurrence of @from in the file by @to, as someone
 * editing the file by hand would. */
static void
edit_file (const char *path,
           const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_auto(GStrv) parts = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, from, -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  edited = g_strjoinv (to, parts);
  g_file_set_contents (path, edited, -1, &error);
  g_assert_no_error (error);
}

static IkScorecard *
reload_scorecard (IkLibrary  **library,
                  const char  *dir,
                  const char  *id)
{
  IkSession *session;

  g_clear_object (library);
  *library = ik_test_load_library (dir, G_MAXINT);
  session = ik_library_find_session (*library, id);
  g_assert_nonnull (session);
  return ik_session_get_scorecard (session);
}

/* A rating changed by hand in a submitted session file: read as it is,
 * flagged altered on every load and save, and amending it keeps the
 * altered submission in the history instead of laundering it. */
static void
test_altered_on_load (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(IkLibrary) library = ik_test_load_library (dir, G_MAXINT);
  g_autoptr(IkSession) draft = ik_session_new ();
  g_autoptr(IkCompetencyRating) a = ik_competency_rating_new ("a", "Alpha");
  g_autoptr(IkScorecardRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *text = NULL;
  IkSession *session;
  IkScorecard *scorecard;

  ik_session_set_candidate_name (draft, "Ada Lovelace");
  g_assert_true (ik_session_set_candidate_id (draft, "cand-1"));
  session = ik_library_add_session (library, draft);
  id = g_strdup (ik_session_get_id (session));
  path = session_path (dir, session);
  scorecard = ik_session_get_scorecard (session);
  ik_competency_rating_set_rating (a, 2);
  ik_competency_rating_set_evidence (a, "Fine.");
  ik_scorecard_add_rating (scorecard, a);
  ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_NO);
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  seal = g_strdup (ik_scorecard_get_seal (scorecard));
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);

  /* An untouched file is not altered. */
  scorecard = reload_scorecard (&library, dir, id);
  g_assert_false (ik_scorecard_get_altered (scorecard));

  g_clear_object (&library);
  edit_file (path, "\"rating\" : 2", "\"rating\" : 4");
  scorecard = reload_scorecard (&library, dir, id);
  g_assert_true (ik_scorecard_get_altered (scorecard));
  g_assert_true (ik_scorecard_get_read_only (scorecard));
  g_assert_nonnull (ik_scorecard_get_submitted (scorecard));
  g_assert_cmpstr (ik_scorecard_get_seal (scorecard), ==, seal);
  /* The forged value is what is shown, flagged. */
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (scorecard, "a")), ==, 4);

  /* Saving for another reason keeps the old seal and the flag. */
  session = ik_library_find_session (library, id);
  ik_session_set_role (session, "Security Engineer");
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, seal));
  g_assert_nonnull (strstr (text, "\"altered\" : true"));
  ik_test_assert_schema_valid ("session.schema.json", path);
  scorecard = reload_scorecard (&library, dir, id);
  g_assert_true (ik_scorecard_get_altered (scorecard));
  g_assert_cmpstr (ik_scorecard_get_seal (scorecard), ==, seal);

  /* Putting the value back by hand does not make it honest again. */
  g_clear_object (&library);
  edit_file (path, "\"rating\" : 4", "\"rating\" : 2");
  scorecard = reload_scorecard (&library, dir, id);
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_true (ik_scorecard_get_altered (scorecard));
  g_clear_object (&library);
  edit_file (path, "\"rating\" : 2", "\"rating\" : 4");
  scorecard = reload_scorecard (&library, dir, id);

  /* Amend: the submission it starts from stays, altered, in the history;
   * the new seal covers the amended content. */
  g_assert_true (ik_scorecard_amend (scorecard, "Rating found changed by hand", &error));
  g_assert_no_error (error);
  g_assert_false (ik_scorecard_get_altered (scorecard));
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_revisions (scorecard)), ==, 1);
  revision = g_list_model_get_item (ik_scorecard_get_revisions (scorecard), 0);
  g_assert_true (ik_scorecard_revision_get_altered (revision));
  g_assert_cmpstr (ik_scorecard_revision_get_seal (revision), ==, seal);
  g_clear_object (&revision);
  ik_competency_rating_set_rating (ik_scorecard_find_rating (scorecard, "a"), 3);
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_false (ik_scorecard_get_altered (scorecard));
  g_assert_cmpstr (ik_scorecard_get_seal (scorecard), !=, seal);
  g_assert_true (ik_library_flush (library, &error));
  g_assert_no_error (error);
  ik_test_assert_schema_valid ("session.schema.json", path);

  scorecard = reload_scorecard (&library, dir, id);
  g_assert_false (ik_scorecard_get_altered (scorecard));
  g_assert_true (ik_scorecard_verify_seal (scorecard));
  g_assert_cmpint (ik_competency_rating_get_rating (ik_scorecard_find_rating (scorecard, "a")), ==, 3);
  revision = g_list_model_get_item (ik_scorecard_get_revisions (scorecard), 0);
  g_assert_true (ik_scorecard_revision_get_altered (revision));
  g_assert_cmpstr (ik_scorecard_revision_get_seal (revision), ==, seal);
  g_clear_object (&revision);

  /* The revision's content, not only its flag, gives it away. */
  g_clear_object (&library);
  edit_file (path, "\"altered\" : true", "\"altered\" : false");
  scorecard = reload_scorecard (&library, dir, id);
  revision = g_list_model_get_item (ik_scorecard_get_revisions (scorecard), 0);
  g_assert_true (ik_scorecard_revision_get_altered (revision));

  g_clear_object (&library);
  ik_test_rm_rf (dir);
}

static void
test_limits (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IkScorecard) loaded = NULL;
  g_autoptr(IkScorecard) scorecard = ik_scorecard_new ();
  g_autoptr(IkCompetencyRating) extra = ik_competency_rating_new ("extra", NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ratings");
  json_builder_begin_array (b);
  for (guint i = 0; i <= IK_SCORECARD_MAX_RATINGS; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "competency_id");
      json_builder_add_string_value (b, id);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  loaded = ik_scorecard_new_from_json (json_node_get_object (root), &error);
  g_assert_null (loaded);
  g_assert_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "ratings"));
  g_clear_error (&error);

  /* One fewer is accepted; the same limit applies to editing. */
  json_array_remove_element (json_object_get_array_member (json_node_get_object (root), "ratings"), 0);
  loaded = ik_scorecard_new_from_json (json_node_get_object (root), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ik_scorecard_get_ratings (loaded)), ==, IK_SCORECARD_MAX_RATINGS);
  g_assert_false (ik_scorecard_add_rating (loaded, extra));
  g_assert_true (ik_scorecard_add_rating (scorecard, extra));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/scorecard/seal-determinism", test_seal_determinism);
  g_test_add_func ("/scorecard/seal-canonical-escaping", test_seal_canonical_escaping);
  g_test_add_func ("/scorecard/seal-sha256", test_seal_sha256);
  g_test_add_func ("/scorecard/seal-canonical-direct", test_seal_canonical_direct);
  g_test_add_func ("/scorecard/seal-sensitivity", test_seal_sensitivity);
  g_test_add_func ("/scorecard/submit-read-only", test_submit_read_only);
  g_test_add_func ("/scorecard/amend", test_amend);
  g_test_add_func ("/scorecard/completeness", test_completeness);
  g_test_add_func ("/scorecard/duplicate-and-changed", test_duplicate_and_changed);
  g_test_add_func ("/scorecard/json-round-trip", test_json_round_trip);
  g_test_add_func ("/scorecard/tampered-file", test_tampered_file);
  g_test_add_func ("/scorecard/altered-on-load", test_altered_on_load);
  g_test_add_func ("/scorecard/limits", test_limits);

  return g_test_run ();
}
