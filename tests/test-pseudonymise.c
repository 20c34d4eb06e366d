/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pseudonymised exports (issue 14): no part of the candidate's name, in
 * any case or with accents, and no id survives in any text format; the
 * pseudonym comes from the library's secret (ik-pseudonym-key.h). The PDF
 * is scanned the same way by tests/test-cli.c. */
#include "config.h"

#include <string.h>

#include "ik-json.h"
#include "ik-pseudonym-key.h"
#include "ik-scorecard-export.h"
#include "ik-test-util.h"

/* What must never be found, folded like the scan folds the export. */
static const char * const identifiers[] = { "margaret", "hamilton", "cand-00001" };

static IkSession *
load_session (void)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *data = ik_test_read_fixture ("privacy/margaret-hamilton.json", &length);
  g_autoptr(JsonNode) root = ik_json_parse (data, length, NULL, NULL, &error);
  IkSession *session;

  g_assert_no_error (error);
  session = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  return session;
}

static void
assert_no_identifier (IkSession  *session,
                      const char *format,
                      const char *text)
{
  g_autofree char *folded = ik_test_fold_text (text);
  g_autofree char *session_id = g_ascii_strdown (ik_session_get_id (session), -1);

  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    if (strstr (folded, identifiers[i]) != NULL)
      g_error ("%s export holds “%s”:\n%s", format, identifiers[i], text);
  if (strstr (folded, session_id) != NULL)
    g_error ("%s export holds the session id:\n%s", format, text);
}

static GBytes *
test_key (guchar seed)
{
  guchar raw[IK_PSEUDONYM_KEY_SIZE];

  memset (raw, seed, sizeof raw);
  return g_bytes_new (raw, sizeof raw);
}

static void
test_every_format (void)
{
  g_autoptr(IkSession) session = load_session ();
  g_autoptr(GBytes) key = test_key (7);
  const IkExportOptions shown = { TRUE, FALSE, NULL };
  const IkExportOptions hidden = { TRUE, TRUE, key };
  g_autofree char *pseudonym = ik_export_pseudonym (key, "CAND-00001");
  static const IkExportFormat formats[] = {
    IK_EXPORT_FORMAT_HTML, IK_EXPORT_FORMAT_MARKDOWN, IK_EXPORT_FORMAT_CSV, IK_EXPORT_FORMAT_JSON,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *name = ik_export_format_get_name (formats[i]);
      g_autofree char *plain = ik_scorecard_export (session, NULL, &shown, formats[i], NULL, &error);
      g_autofree char *folded = NULL;
      g_autofree char *scrubbed = NULL;

      g_test_message ("format %s", name);
      g_assert_no_error (error);
      /* The scan can fail: without the option, everything is there. */
      folded = ik_test_fold_text (plain);
      for (guint j = 0; j < G_N_ELEMENTS (identifiers); j++)
        g_assert_nonnull (strstr (folded, identifiers[j]));

      scrubbed = ik_scorecard_export (session, NULL, &hidden, formats[i], NULL, &error);
      g_assert_no_error (error);
      assert_no_identifier (session, name, scrubbed);
      g_assert_nonnull (strstr (scrubbed, pseudonym));
      /* What is not the candidate stays. */
      g_assert_nonnull (strstr (scrubbed, "Sam Ortega"));
      g_assert_nonnull (strstr (scrubbed, "trust boundary"));
    }
}

/* Parts stand as words: "Ham" or "Margarethe" are other words; the
 * neighbouring parts of one mention become one pseudonym. */
static void
test_words (void)
{
  g_autoptr(IkSession) session = load_session ();
  g_autoptr(GBytes) key = test_key (7);
  const IkExportOptions hidden = { TRUE, TRUE, key };
  g_autofree char *p = ik_export_pseudonym (key, "CAND-00001");
  g_autofree char *text = ik_export_scrub_text (session, &hidden,
                                                "Margarethe and Hamiltonian met margaret  HAMILTON; Hamilton's, "
                                                "(Märgaret) cand-00001x.");
  g_autofree char *expected = g_strdup_printf ("Margarethe and Hamiltonian met %s; %s's, (%s) %sx.", p, p, p, p);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_json_identifiers (void)
{
  g_autoptr(IkSession) session = load_session ();
  g_autoptr(GBytes) key = test_key (7);
  const IkExportOptions hidden = { TRUE, TRUE, key };
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *json = ik_scorecard_export_json (session, &hidden, &length, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkSession) back = NULL;
  g_autofree char *pseudonym = ik_export_pseudonym (key, "CAND-00001");

  g_assert_no_error (error);
  g_assert_null (strstr (json, "candidate_id"));
  g_assert_null (strstr (json, ik_scorecard_get_seal (ik_session_get_scorecard (session))));
  /* Still a session document: it can be read back for calibration. */
  root = ik_json_parse (json, length, NULL, NULL, &error);
  g_assert_no_error (error);
  back = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_session_get_candidate_name (back), ==, pseudonym);
  g_assert_cmpstr (ik_session_get_candidate_id (back), ==, "");
  g_assert_cmpstr (ik_session_get_id (back), !=, ik_session_get_id (session));
}

static void
test_key_file (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *b = g_build_filename (dir, "b", NULL);
  g_autofree char *path = g_build_filename (a, IK_PSEUDONYM_KEY_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = ik_pseudonym_key_load_or_create (a, &error);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autofree char *pa = NULL;
  g_autofree char *pa_again = NULL;
  g_autofree char *pb = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (first), ==, IK_PSEUDONYM_KEY_SIZE);
  g_assert_cmpint (ik_test_file_mode (path), ==, 0600);
  again = ik_pseudonym_key_load_or_create (a, &error);
  g_assert_no_error (error);
  other = ik_pseudonym_key_load_or_create (b, &error);
  g_assert_no_error (error);

  /* Stable for one library, different in another. */
  pa = ik_export_pseudonym (first, "CAND-00001");
  pa_again = ik_export_pseudonym (again, "CAND-00001");
  pb = ik_export_pseudonym (other, "CAND-00001");
  g_assert_cmpstr (pa, ==, pa_again);
  g_assert_cmpstr (pa, !=, pb);

  /* A damaged secret is never replaced: it would change every pseudonym. */
  g_file_set_contents (path, "not a key\n", -1, &error);
  g_assert_no_error (error);
  damaged = ik_pseudonym_key_load_or_create (a, &error);
  g_assert_null (damaged);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (path, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "not a key\n");
  }
  ik_test_rm_rf (dir);
}

static void
test_key_async (void)
{
  g_autofree char *dir = ik_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) sync = NULL;
  g_autoptr(GBytes) async = NULL;
  GAsyncResult *slot = NULL;

  ik_pseudonym_key_load_async (dir, NULL, ik_test_store_result, &slot);
  result = ik_test_wait_result (&slot);
  async = ik_pseudonym_key_load_finish (result, &error);
  g_assert_no_error (error);
  sync = ik_pseudonym_key_load_or_create (dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (sync, async));
  ik_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pseudonymise/every-format", test_every_format);
  g_test_add_func ("/pseudonymise/words", test_words);
  g_test_add_func ("/pseudonymise/json-identifiers", test_json_identifiers);
  g_test_add_func ("/pseudonymise/key-file", test_key_file);
  g_test_add_func ("/pseudonymise/key-async", test_key_async);

  return g_test_run ();
}
