/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line, run as a user would: the built binary in a fresh
 * library (XDG_DATA_HOME points at a temporary folder). */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "ik-json.h"
#include "ik-candidate-match.h"
#include "ik-debrief-pdf.h"
#include "ik-file-store.h"
#include "ik-library.h"
#include "ik-limits.h"
#include "ik-scorecard-export.h"
#include "ik-team-folder.h"
#include "ik-test-util.h"

#define BINARY TOP_BUILDDIR "/src/interview-kit"
#define BUNDLED_ID "5b0c6a2e-8f51-4c3e-9a77-2d1e4b9f6c01"
#define SESSION_ID "3c9d1e55-0d3a-4a6e-9a59-6f5b1f0c2e11"
#define NAME "Noor Vantongeren"

typedef struct
{
  char *data_home;
  char *library;
  /* When set, the settings come from a key file in this folder (the
   * debrief reads the team folder from them). */
  char *config_home;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the command line; @input (nullable) is its standard input. */
static void
run_cli_with_input (Fixture            *f,
                    Run                *run,
                    const char * const *args,
                    const char         *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) BINARY);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new ((input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0) |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", f->config_home != NULL ? "keyfile" : "memory", TRUE);
  if (f->config_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", f->config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", TOP_BUILDDIR "/data", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static void
run_cli (Fixture            *f,
         Run                *run,
         const char * const *args)
{
  run_cli_with_input (f, run, args, NULL);
}

/* The bundled bank, read from the source tree (the test does not link the
 * application's resources). */
static IkBank *
load_bundled_bank (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  IkBank *bank;
  gsize length = 0;

  g_file_get_contents (TOP_SRCDIR "/resources/banks/ai-system-security-design.json", &data, &length, &error);
  g_assert_no_error (error);
  root = ik_json_parse (data, length, NULL, NULL, &error);
  g_assert_no_error (error);
  bank = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_id (bank), ==, BUNDLED_ID);
  return bank;
}

/* A submitted session of the bundled bank, written where the library keeps
 * sessions. */
static void
write_session (Fixture *f)
{
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 10, 2, 14, 0, 0);
  g_autofree char *data = NULL;
  g_autofree char *folder = g_build_filename (f->library, "sessions", NULL);
  g_autofree char *path = g_build_filename (folder, SESSION_ID ".json", NULL);
  g_autoptr(IkSession) session = NULL;
  g_autoptr(JsonObject) object = NULL;
  IkScorecard *scorecard;
  GListModel *ratings;
  gsize length = 0;

  session = ik_session_new ();
  /* Give the session a known id through the file format. */
  root = ik_session_to_json (session);
  data = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);
  {
    g_autoptr(GString) edited = g_string_new (data);
    g_string_replace (edited, ik_session_get_id (session), SESSION_ID, 1);
    g_clear_object (&session);
    root = ik_json_parse (edited->str, edited->len, NULL, NULL, &error);
    g_assert_no_error (error);
    session = ik_session_new_from_json (root, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (ik_session_get_id (session), ==, SESSION_ID);

  ik_session_set_candidate_name (session, NAME);
  g_assert_true (ik_session_set_candidate_id (session, "cand-cli-7"));
  ik_session_set_role (session, "Security Engineer");
  ik_session_set_seniority (session, IK_SENIORITY_MID);
  ik_session_set_interviewer (session, "Rui Almeida");
  ik_session_set_scheduled (session, when);
  ik_session_set_bank_id (session, BUNDLED_ID);
  ik_session_set_bank_title (session, ik_bank_get_title (bank));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (ik_bank_get_questions (bank), i);
      IkQuestionRecord *record = ik_session_add_question (session, question);

      ik_question_record_set_notes (record, i == 0 ? "CLI-NOTE <script>x</script> =cmd" : "Second answer");
    }
  ik_session_ensure_scorecard_ratings (session, bank);
  scorecard = ik_session_get_scorecard (session);
  ratings = ik_scorecard_get_ratings (scorecard);
  g_assert_cmpuint (g_list_model_get_n_items (ratings), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      g_autofree char *evidence = g_strdup_printf ("EVIDENCE-%u %s", i, i == 0 ? "+SUM(A1)" : "clear");

      g_assert_true (ik_competency_rating_set_rating (rating, 1 + i % 4));
      g_assert_true (ik_competency_rating_set_evidence (rating, i == 0 ? "+SUM(A1) first" : evidence));
    }
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_STRONG_YES));
  g_assert_true (ik_scorecard_set_summary (scorecard, "Calm and methodical."));
  g_assert_true (ik_scorecard_submit (scorecard, when));

  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&data, g_free);
  root = ik_session_to_json (session);
  data = ik_json_to_data (root, &length, &error);
  g_assert_no_error (error);
  g_assert_true (ik_file_store_ensure_dir (folder, &error));
  g_assert_no_error (error);
  g_assert_true (ik_file_store_write (path, data, length, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->data_home = ik_test_make_tmpdir ();
  f->library = g_build_filename (f->data_home, APP_ID, NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->library, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ik_test_rm_rf (f->data_home);
  g_free (f->data_home);
  g_free (f->library);
  g_free (f->config_home);
}

static char *
output_path (Fixture    *f,
             const char *name)
{
  return g_build_filename (f->data_home, name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_list_banks (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0, };
  const char *args[] = { "--list-banks", NULL };

  run_cli (f, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, BUNDLED_ID "\tAI System Security Design\t15\n"));
}

static void
test_import_guide (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *guide = ik_test_fixture_path ("cli/small-guide.txt");
  const char *import[] = { "--import-guide", guide, "--title", "Reliability practice", NULL };
  const char *list[] = { "--list-banks", NULL };
  g_auto(Run) run = { 0, };
  g_auto(Run) listed = { 0, };
  g_autofree char *banks = g_build_filename (f->library, "banks", NULL);
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  run_cli (f, &run, import);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Reliability practice"));
  g_assert_nonnull (strstr (run.out, "2 questions"));

  /* The bank is now a file of the library and listed with the others. */
  dir = g_dir_open (banks, 0, NULL);
  g_assert_nonnull (dir);
  for (const char *name = g_dir_read_name (dir); name != NULL; name = g_dir_read_name (dir))
    if (g_str_has_suffix (name, ".json"))
      n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  run_cli (f, &listed, list);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "\tReliability practice\t2\n"));
  g_assert_nonnull (strstr (listed.out, "\tAI System Security Design\t15\n"));
}

static void
test_import_missing (Fixture       *f,
                     gconstpointer  data)
{
  const char *args[] = { "--import-guide", "/nonexistent/guide.txt", NULL };
  g_auto(Run) run = { 0, };

  g_autofree char *big = g_build_filename (f->data_home, "big.txt", NULL);
  const char *big_args[] = { "--import-guide", big, NULL };
  g_auto(Run) big_run = { 0, };
  FILE *fp;

  run_cli (f, &run, args);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "/nonexistent/guide.txt"));

  /* The window's cap, checked before reading (a sparse file, one byte
   * over it). */
  fp = fopen (big, "w");
  g_assert_nonnull (fp);
  g_assert_cmpint (fseek (fp, IK_LIMIT_IMPORT_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', fp), ==, 'x');
  g_assert_cmpint (fclose (fp), ==, 0);
  run_cli (f, &big_run, big_args);
  g_assert_cmpint (big_run.status, !=, 0);
  g_assert_nonnull (strstr (big_run.err, "larger than 10 MB"));
}

static void
test_export_bank (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *json_path = output_path (f, "bank.json");
  g_autofree char *md_path = output_path (f, "bank.md");
  const char *to_json[] = { "--export-bank", BUNDLED_ID, "--format", "json", "--output", json_path, NULL };
  const char *to_md[] = { "--export-bank", BUNDLED_ID, "--format", "markdown", "--output", md_path, NULL };
  const char *to_guide[] = { "--export-bank", BUNDLED_ID, "--format", "guide", NULL };
  g_auto(Run) json_run = { 0, };
  g_auto(Run) md_run = { 0, };
  g_auto(Run) guide_run = { 0, };
  g_autofree char *json = NULL;
  g_autofree char *md = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(GError) error = NULL;

  run_cli (f, &json_run, to_json);
  g_assert_cmpint (json_run.status, ==, 0);
  json = read_file (json_path);
  root = ik_json_parse (json, strlen (json), NULL, NULL, &error);
  g_assert_no_error (error);
  bank = ik_bank_new_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ik_bank_get_title (bank), ==, "AI System Security Design");
  g_assert_cmpuint (g_list_model_get_n_items (ik_bank_get_questions (bank)), ==, 15);

  run_cli (f, &md_run, to_md);
  g_assert_cmpint (md_run.status, ==, 0);
  md = read_file (md_path);
  g_assert_true (g_str_has_prefix (md, "<!-- interview-kit-bank:"));
  g_assert_nonnull (strstr (md, "AI System Security Design"));

  run_cli (f, &guide_run, to_guide);
  g_assert_cmpint (guide_run.status, ==, 0);
  g_assert_nonnull (strstr (guide_run.out, "Areas to Cover"));
}

static void
test_export_bank_errors (Fixture       *f,
                         gconstpointer  data)
{
  const char *missing[] = { "--export-bank", "no-such-bank", NULL };
  const char *bad_format[] = { "--export-bank", BUNDLED_ID, "--format", "docx", NULL };
  g_auto(Run) missing_run = { 0, };
  g_auto(Run) format_run = { 0, };

  run_cli (f, &missing_run, missing);
  g_assert_cmpint (missing_run.status, !=, 0);
  g_assert_nonnull (strstr (missing_run.err, "no-such-bank"));
  g_assert_cmpstr (missing_run.out, ==, "");

  run_cli (f, &format_run, bad_format);
  g_assert_cmpint (format_run.status, !=, 0);
  g_assert_nonnull (strstr (format_run.err, "docx"));
}

static void
test_export_session_text (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const formats[] = { "html", "markdown", "csv", "json" };

  write_session (f);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", formats[i]);
      g_autofree char *path = output_path (f, name);
      const char *args[] = { "--export-session", SESSION_ID, "--format", formats[i], "--output", path, NULL };
      const char *private_args[] = { "--export-session", SESSION_ID, "--format", formats[i],
                                     "--no-notes", "--pseudonymise", NULL };
      g_auto(Run) run = { 0, };
      g_auto(Run) private_run = { 0, };
      g_autofree char *contents = NULL;

      run_cli (f, &run, args);
      g_assert_cmpint (run.status, ==, 0);
      contents = read_file (path);
      g_assert_nonnull (strstr (contents, NAME));
      g_assert_cmpint (ik_test_file_mode (path), ==, 0600);

      if (g_str_equal (formats[i], "html"))
        {
          g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
          g_assert_null (strstr (contents, "<script>"));
          g_assert_nonnull (strstr (contents, "CLI-NOTE &lt;script&gt;"));
          g_assert_nonnull (strstr (contents, "Strong Yes"));
        }
      else if (g_str_equal (formats[i], "markdown"))
        {
          g_assert_true (g_str_has_prefix (contents, "# Scorecard: " NAME));
          g_assert_null (strstr (contents, "<script>"));
        }
      else if (g_str_equal (formats[i], "csv"))
        {
          g_assert_true (g_str_has_prefix (contents, "\"candidate\","));
          g_assert_nonnull (strstr (contents, "\"'+SUM(A1) first\""));
          g_assert_null (strstr (contents, "\"+SUM"));
        }
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) root = ik_json_parse (contents, strlen (contents), NULL, NULL, &error);
          g_autoptr(IkSession) back = NULL;

          g_assert_no_error (error);
          back = ik_session_new_from_json (root, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (ik_session_get_id (back), ==, SESSION_ID);
          g_assert_true (ik_scorecard_verify_seal (ik_session_get_scorecard (back)));
        }

      /* Without --output the export goes to standard output. */
      run_cli (f, &private_run, private_args);
      g_assert_cmpint (private_run.status, ==, 0);
      g_assert_cmpuint (strlen (private_run.out), >, 0);
      g_assert_null (strstr (private_run.out, NAME));
      g_assert_null (strstr (private_run.out, "CLI-NOTE"));
      g_assert_nonnull (strstr (private_run.out, "Candidate "));
    }
}

static char *
pdf_to_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  char *text = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "pdftotext", "-enc", "UTF-8", pdf, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return text;
}

/* pdftotext may break a long line anywhere: compare without white space. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
test_export_session_pdf (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = output_path (f, "scorecard.pdf");
  g_autofree char *private_path = output_path (f, "private.pdf");
  const char *args[] = { "--export-session", SESSION_ID, "--format", "pdf", "--output", path, NULL };
  const char *private_args[] = { "--export-session", SESSION_ID, "--format", "pdf", "--output", private_path,
                                 "--no-notes", "--pseudonymise", NULL };
  g_auto(Run) run = { 0, };
  g_auto(Run) private_run = { 0, };
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *private_text = NULL;
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IkSession) session = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *session_path = NULL;
  g_autoptr(JsonNode) root = NULL;
  GListModel *ratings;

  write_session (f);
  run_cli (f, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  head = read_file (path);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));

  session_path = g_build_filename (f->library, "sessions", SESSION_ID ".json", NULL);
  stored = read_file (session_path);
  root = ik_json_parse (stored, strlen (stored), NULL, NULL, &error);
  g_assert_no_error (error);
  session = ik_session_new_from_json (root, &error);
  g_assert_no_error (error);

  text = pdf_to_text (path);
  flat = squeeze (text);
  g_assert_nonnull (strstr (text, NAME));
  g_assert_nonnull (strstr (text, "Security Engineer"));
  g_assert_nonnull (strstr (text, "Rui Almeida"));
  g_assert_nonnull (strstr (text, "Strong Yes"));
  g_assert_nonnull (strstr (text, "CLI-NOTE"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (flat, ik_scorecard_get_seal (ik_session_get_scorecard (session))));

  /* Every rating, with the anchor of its level for the candidate's seniority. */
  ratings = ik_scorecard_get_ratings (ik_session_get_scorecard (session));
  for (guint i = 0; i < g_list_model_get_n_items (ratings); i++)
    {
      g_autoptr(IkCompetencyRating) rating = g_list_model_get_item (ratings, i);
      g_autofree char *label = g_strdup_printf ("%d of 4", ik_competency_rating_get_rating (rating));
      const char *anchor = ik_export_anchor (bank, ik_competency_rating_get_competency_id (rating),
                                             ik_competency_rating_get_rating (rating), IK_SENIORITY_MID);
      g_autofree char *flat_name = squeeze (ik_competency_rating_get_competency_name (rating));
      g_autofree char *flat_anchor = anchor != NULL ? squeeze (anchor) : NULL;
      g_autofree char *flat_evidence = squeeze (ik_competency_rating_get_evidence (rating));

      g_assert_nonnull (strstr (flat, flat_name));
      g_assert_nonnull (strstr (text, label));
      g_assert_nonnull (anchor);
      g_assert_nonnull (strstr (flat, flat_anchor));
      g_assert_nonnull (strstr (flat, flat_evidence));
    }

  run_cli (f, &private_run, private_args);
  g_assert_cmpint (private_run.status, ==, 0);
  private_text = pdf_to_text (private_path);
  g_assert_null (strstr (private_text, NAME));
  g_assert_null (strstr (private_text, "CLI-NOTE"));
  g_assert_nonnull (strstr (private_text, "Candidate "));
}

/* The stored session with its first rating changed by hand (1 → 4). */
static void
alter_session (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->library, "sessions", SESSION_ID ".json", NULL);
  g_autofree char *stored = read_file (path);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *scorecard;
  JsonObject *rating;

  root = ik_json_parse (stored, strlen (stored), NULL, NULL, &error);
  g_assert_no_error (error);
  scorecard = json_object_get_object_member (json_node_get_object (root), "scorecard");
  rating = json_array_get_object_element (json_object_get_array_member (scorecard, "ratings"), 0);
  g_assert_cmpint (json_object_get_int_member (rating, "rating"), ==, 1);
  json_object_set_int_member (rating, "rating", 4);
  data = ik_test_to_data (g_steal_pointer (&root));
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
}

/* A scorecard changed by hand after it was submitted: every format says
 * so, and so does the command on standard error. */
static void
test_export_session_altered (Fixture       *f,
                             gconstpointer  data)
{
  static const char * const formats[] = { "html", "markdown", "csv", "json", "pdf" };
  const char *warning = ik_export_altered_warning ();
  g_autofree char *flat_warning = squeeze (warning);
  g_autofree char *md_warning = ik_markdown_escape (warning);

  write_session (f);
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        alter_session (f);
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autofree char *name = g_strdup_printf ("altered.%s", formats[i]);
          g_autofree char *path = output_path (f, name);
          const char *args[] = { "--export-session", SESSION_ID, "--format", formats[i], "--output", path, NULL };
          g_auto(Run) run = { 0, };
          g_autofree char *contents = NULL;
          gboolean found;

          run_cli (f, &run, args);
          g_assert_cmpint (run.status, ==, 0);
          g_assert_cmpint (strstr (run.err, warning) != NULL, ==, pass == 1);
          if (g_str_equal (formats[i], "pdf"))
            {
              g_autofree char *text = pdf_to_text (path);

              contents = squeeze (text);
              found = strstr (contents, flat_warning) != NULL;
            }
          else if (g_str_equal (formats[i], "json"))
            {
              contents = read_file (path);
              found = strstr (contents, "\"altered\" : true") != NULL;
            }
          else
            {
              contents = read_file (path);
              found = strstr (contents, g_str_equal (formats[i], "markdown") ? md_warning : warning) != NULL;
            }
          g_assert_cmpint (found, ==, pass == 1);
        }
    }
}

/* A name with a right-to-left override (not part of the seal) and notes
 * with an isolate: the PDF shows the controls instead of obeying them. */
static void
test_export_session_pdf_bidi (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *session_path = g_build_filename (f->library, "sessions", SESSION_ID ".json", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *path = output_path (f, "bidi.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  const char *args[] = { "--export-session", SESSION_ID, "--format", "pdf", "--output", path, NULL };
  g_auto(Run) run = { 0, };
  g_autoptr(GString) edit = NULL;

  write_session (f);
  stored = read_file (session_path);
  edit = g_string_new (stored);
  g_assert_cmpuint (g_string_replace (edit, NAME, "Eve\xe2\x80\xaegnp.exe", 0), >, 0);
  g_assert_cmpuint (g_string_replace (edit, "Second answer", "Said \xe2\x81\xa6hi\xe2\x81\xa9 twice", 0), ==, 1);
  edited = g_string_free (g_steal_pointer (&edit), FALSE);
  g_assert_true (g_file_set_contents (session_path, edited, -1, NULL));

  run_cli (f, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  /* Not altered: the name is not sealed. */
  g_assert_null (strstr (run.err, ik_export_altered_warning ()));
  text = pdf_to_text (path);
  flat = squeeze (text);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }
  g_assert_nonnull (strstr (flat, "Eve⟨U+202E⟩gnp.exe"));
  g_assert_nonnull (strstr (flat, "Said⟨U+2066⟩hi⟨U+2069⟩twice"));
}

/* What was marked in the room reaches the PDF, pseudonymised too: the
 * first question skipped (its areas not listed as never probed), the
 * second with no direct experience and half of STAR; each unprobed area of
 * the second listed once. */
static void
test_export_session_pdf_marks (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *session_path = g_build_filename (f->library, "sessions", SESSION_ID ".json", NULL);
  g_autofree char *path = output_path (f, "marks.pdf");
  const char *args[] = { "--export-session", SESSION_ID, "--format", "pdf", "--output", path,
                         "--pseudonymise", NULL };
  g_auto(Run) run = { 0, };
  g_autoptr(IkBank) bank = load_bundled_bank ();
  g_autoptr(IkQuestion) first = g_list_model_get_item (ik_bank_get_questions (bank), 0);
  g_autoptr(IkQuestion) second = g_list_model_get_item (ik_bank_get_questions (bank), 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *skipped_area = NULL;
  g_autofree char *probed_area = NULL;
  g_autofree char *no_experience = squeeze ("No direct experience: a gap to probe elsewhere, not a fail");
  g_autofree char *star = squeeze ("STAR heard: Situation, Result; missing: Task, Action");
  JsonArray *records;
  JsonObject *record;
  g_autoptr(JsonArray) star_parts = json_array_new ();

  write_session (f);
  stored = read_file (session_path);
  root = ik_json_parse (stored, strlen (stored), NULL, NULL, &error);
  g_assert_no_error (error);
  records = json_object_get_array_member (json_node_get_object (root), "records");
  json_object_set_boolean_member (json_array_get_object_element (records, 0), "skipped", TRUE);
  record = json_array_get_object_element (records, 1);
  json_object_set_boolean_member (record, "no_experience", TRUE);
  json_array_add_string_element (star_parts, "situation");
  json_array_add_string_element (star_parts, "result");
  json_object_set_array_member (record, "star", g_steal_pointer (&star_parts));
  edited = ik_test_to_data (g_steal_pointer (&root));
  g_assert_true (g_file_set_contents (session_path, edited, -1, NULL));

  run_cli (f, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_to_text (path);
  flat = squeeze (text);
  g_assert_null (strstr (text, NAME));
  g_assert_nonnull (strstr (flat, "Skipped:thisquestionwasnotasked"));
  g_assert_nonnull (strstr (flat, no_experience));
  g_assert_nonnull (strstr (flat, star));
  skipped_area = squeeze (ik_question_get_areas (first)[0]);
  probed_area = squeeze (ik_question_get_areas (second)[0]);
  g_assert_null (strstr (flat, skipped_area));
  g_assert_nonnull (strstr (flat, probed_area));
  g_assert_null (strstr (strstr (flat, probed_area) + 1, probed_area));
}

/* The fixture of tests/test-pseudonymise.c, as a session of the library:
 * returns its id. */
static char *
write_leaky_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *data = ik_test_read_fixture ("privacy/margaret-hamilton.json", &length);
  g_autoptr(JsonNode) root = ik_json_parse (data, length, NULL, NULL, &error);
  g_autofree char *folder = g_build_filename (f->library, "sessions", NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const char *id;

  g_assert_no_error (error);
  id = json_object_get_string_member (json_node_get_object (root), "id");
  name = g_strconcat (id, ".json", NULL);
  path = g_build_filename (folder, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_strdup (id);
}

/* The pseudonymised export of @id in @format, as text (a PDF through
 * pdftotext). */
static char *
export_pseudonymised (Fixture    *f,
                      const char *id,
                      const char *format)
{
  g_autofree char *name = g_strdup_printf ("pseudonymised.%s", format);
  g_autofree char *path = output_path (f, name);
  const char *args[] = { "--export-session", id, "--format", format, "--pseudonymise", "--output", path, NULL };
  g_auto(Run) run = { 0, };

  run_cli (f, &run, args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return g_str_equal (format, "pdf") ? pdf_to_text (path) : read_file (path);
}

/* Issue 14: no part of the name, in any case or with accents, and no id
 * survives a pseudonymised export in any format; the pseudonym is stable in
 * one library and another in a library with another secret. */
static void
test_export_session_pseudonymised (Fixture       *f,
                                   gconstpointer  data)
{
  static const char * const formats[] = { "pdf", "html", "markdown", "csv", "json" };
  static const char * const identifiers[] = { "margaret", "hamilton", "cand-00001" };
  g_autofree char *id = write_leaky_session (f);
  g_autofree char *lower_id = g_ascii_strdown (id, -1);
  g_autofree char *key_path = g_build_filename (f->library, "pseudonym-key", NULL);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *other_home = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = export_pseudonymised (f, id, formats[i]);
      g_autofree char *folded = ik_test_fold_text (text);

      g_test_message ("format %s", formats[i]);
      for (guint j = 0; j < G_N_ELEMENTS (identifiers); j++)
        if (strstr (folded, identifiers[j]) != NULL)
          g_error ("%s export holds “%s”:\n%s", formats[i], identifiers[j], text);
      g_assert_null (strstr (folded, lower_id));
      g_assert_nonnull (strstr (text, "Candidate "));
      g_assert_nonnull (strstr (text, "Sam Ortega"));
    }
  g_assert_cmpint (ik_test_file_mode (key_path), ==, 0600);

  /* The same library, the same pseudonym. */
  first = export_pseudonymised (f, id, "markdown");
  again = export_pseudonymised (f, id, "markdown");
  g_assert_cmpstr (first, ==, again);

  /* Another library (another secret): another pseudonym. */
  other_home = f->data_home;
  f->data_home = ik_test_make_tmpdir ();
  g_free (f->library);
  f->library = g_build_filename (f->data_home, APP_ID, NULL);
  g_free (write_leaky_session (f));
  elsewhere = export_pseudonymised (f, id, "markdown");
  g_assert_nonnull (strstr (elsewhere, "Candidate "));
  g_assert_cmpstr (strstr (elsewhere, "Candidate "), !=, strstr (first, "Candidate "));
  ik_test_rm_rf (other_home);
}

/* Everything stored about one candidate: the JSON with its sources and a
 * readable PDF, in the folder of --output. */
static void
test_subject_access (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = write_leaky_session (f);
  g_autofree char *dir = output_path (f, "report");
  g_autofree char *json_path = g_build_filename (dir, "subject-access-CAND-00001.json", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "subject-access-CAND-00001.pdf", NULL);
  g_autofree char *session_path = g_strdup_printf ("%s/sessions/%s.json", f->library, id);
  const char *args[] = { "--subject-access", "MARGARET  hamilton", "--output", dir, NULL };
  const char *no_output[] = { "--subject-access", "CAND-00001", NULL };
  const char *nobody[] = { "--subject-access", "Nobody", "--output", dir, NULL };
  g_auto(Run) run = { 0, };
  g_auto(Run) no_output_run = { 0, };
  g_auto(Run) nobody_run = { 0, };
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *flat_path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *sources;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  run_cli (f, &run, args);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, session_path));

  json = read_file (json_path);
  root = ik_json_parse (json, strlen (json), NULL, NULL, &error);
  g_assert_no_error (error);
  sources = json_object_get_array_member (json_node_get_object (root), "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (sources, 0), ==, session_path);
  g_assert_nonnull (strstr (json, "HAMILTON asked to correct a date"));
  g_assert_cmpint (ik_test_file_mode (json_path), ==, 0600);

  text = pdf_to_text (pdf_path);
  flat = squeeze (text);
  flat_path = squeeze (session_path);
  g_assert_nonnull (strstr (text, "Margaret Hamilton"));
  g_assert_nonnull (strstr (flat, "HAMILTONdrewit."));
  /* The PDF lists the source; a line break may eat a hyphen of the id. */
  {
    g_auto(GStrv) text_parts = g_strsplit (flat, "-", -1);
    g_auto(GStrv) path_parts = g_strsplit (flat_path, "-", -1);
    g_autofree char *bare_text = g_strjoinv ("", text_parts);
    g_autofree char *bare_path = g_strjoinv ("", path_parts);

    g_assert_nonnull (strstr (bare_text, bare_path));
  }

  run_cli (f, &no_output_run, no_output);
  g_assert_cmpint (no_output_run.status, !=, 0);
  g_assert_nonnull (strstr (no_output_run.err, "--output"));
  /* An id nothing is stored about: said, and nothing written. */
  run_cli (f, &nobody_run, nobody);
  g_assert_cmpint (nobody_run.status, ==, 0);
  g_assert_nonnull (strstr (nobody_run.out, "Nothing is stored"));
  g_assert_cmpuint (ik_test_count_entries (dir), ==, 2);
}

static void
test_export_session_errors (Fixture       *f,
                            gconstpointer  data)
{
  const char *missing[] = { "--export-session", "no-such-session", "--format", "html", NULL };
  const char *bad_format[] = { "--export-session", SESSION_ID, "--format", "docx", NULL };
  const char *stray[] = { "--pseudonymise", NULL };
  g_auto(Run) missing_run = { 0, };
  g_auto(Run) format_run = { 0, };
  g_auto(Run) stray_run = { 0, };

  write_session (f);
  run_cli (f, &missing_run, missing);
  g_assert_cmpint (missing_run.status, !=, 0);
  g_assert_nonnull (strstr (missing_run.err, "no-such-session"));
  g_assert_cmpstr (missing_run.out, ==, "");

  run_cli (f, &format_run, bad_format);
  g_assert_cmpint (format_run.status, !=, 0);
  g_assert_nonnull (strstr (format_run.err, "docx"));
  g_assert_cmpstr (format_run.out, ==, "");

  run_cli (f, &stray_run, stray);
  g_assert_cmpint (stray_run.status, !=, 0);
  g_assert_nonnull (strstr (stray_run.err, "--export-session"));
}

/* The debrief ------------------------------------------------------------ */

/* The settings the command line reads, as a key file. */
static void
set_team_settings (Fixture    *f,
                   const char *team,
                   gboolean    hiring_lead)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_string (team));
  g_autofree char *value = g_variant_print (variant, FALSE);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (f->config_home == NULL)
    f->config_home = g_build_filename (f->data_home, "config", NULL);
  folder = g_build_filename (f->config_home, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  path = g_build_filename (folder, "keyfile", NULL);
  contents = g_strdup_printf ("[io/github/interviewkit/InterviewKit]\nteam-folder=%s\nhiring-lead=%s\n",
                              value, hiring_lead ? "true" : "false");
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Publishes a submitted scorecard for @candidate as the interviewer whose
 * identity lives in @data_dir. */
static void
publish_scorecard (const char *team,
                   const char *data_dir,
                   const char *name,
                   const char *candidate,
                   int         threat,
                   const char *evidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkIdentity) identity = ik_identity_load_or_create (data_dir, &error);
  g_autofree char *trust = g_build_filename (data_dir, "team-keys.json", NULL);
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(IkSession) session = ik_session_new ();
  g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("threat", "Threat modelling");
  IkScorecard *scorecard = ik_session_get_scorecard (session);

  g_assert_no_error (error);
  folder = ik_team_folder_new (team, identity, trust);
  g_assert_true (ik_session_set_candidate_id (session, candidate));
  ik_session_set_candidate_name (session, NAME);
  ik_session_set_role (session, "Security Engineer");
  g_assert_true (ik_competency_rating_set_rating (rating, threat));
  g_assert_true (ik_competency_rating_set_evidence (rating, evidence));
  g_assert_true (ik_scorecard_add_rating (scorecard, rating));
  g_assert_true (ik_scorecard_set_recommendation (scorecard, IK_RECOMMENDATION_YES));
  g_assert_true (ik_scorecard_submit (scorecard, NULL));
  g_assert_true (ik_team_folder_publish (folder, session, name, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_debrief (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *team = g_build_filename (f->data_home, "team", NULL);
  g_autofree char *missing = g_build_filename (f->data_home, "no-such-team", NULL);
  g_autofree char *bob = g_build_filename (f->data_home, "bob", NULL);
  g_autofree char *carol = g_build_filename (f->data_home, "carol", NULL);
  g_autofree char *md_path = output_path (f, "debrief.md");
  g_autofree char *pdf_path = output_path (f, "debrief.pdf");
  g_autofree char *blind_pdf_path = output_path (f, "blind.pdf");
  const char *markdown[] = { "--debrief", "cand-d1", "--format", "markdown", NULL };
  const char *markdown_file[] = { "--debrief", "cand-d1", "--format", "markdown", "--output", md_path, NULL };
  const char *csv[] = { "--debrief", "cand-d1", "--format", "csv", NULL };
  const char *pdf[] = { "--debrief", "cand-d1", "--format", "pdf", "--output", pdf_path, NULL };
  const char *pdf_stdout[] = { "--debrief", "cand-d1", "--format", "pdf", NULL };
  const char *blind_pdf[] = { "--debrief", "cand-d2", "--format", "pdf", "--output", blind_pdf_path, NULL };
  const char *unknown[] = { "--debrief", "cand-nobody", NULL };
  const char *bad_format[] = { "--debrief", "cand-d1", "--format", "html", NULL };
  g_auto(Run) unset_run = { 0, };
  g_auto(Run) missing_run = { 0, };
  g_auto(Run) blind_run = { 0, };
  g_auto(Run) file_run = { 0, };
  g_auto(Run) csv_run = { 0, };
  g_auto(Run) pdf_run = { 0, };
  g_auto(Run) pdf_stdout_run = { 0, };
  g_auto(Run) blind_pdf_run = { 0, };
  g_auto(Run) unknown_run = { 0, };
  g_auto(Run) format_run = { 0, };
  g_auto(Run) lead_run = { 0, };
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *blind_text = NULL;
  g_autofree char *head = NULL;

  /* No team folder set, then one that is not there. */
  run_cli (f, &unset_run, markdown);
  g_assert_cmpint (unset_run.status, !=, 0);
  g_assert_nonnull (strstr (unset_run.err, "No team folder is set"));
  g_assert_cmpstr (unset_run.out, ==, "");
  set_team_settings (f, missing, FALSE);
  run_cli (f, &missing_run, markdown);
  g_assert_cmpint (missing_run.status, !=, 0);
  g_assert_nonnull (strstr (missing_run.err, missing));
  g_assert_cmpstr (missing_run.out, ==, "");

  /* Two colleagues submitted, this interviewer not yet: blind. */
  g_assert_cmpint (g_mkdir_with_parents (team, 0700), ==, 0);
  set_team_settings (f, team, FALSE);
  publish_scorecard (team, bob, "Bob", "cand-d1", 1, "BOB-EVIDENCE");
  publish_scorecard (team, carol, "Carol", "cand-d1", 3, "=CAROL-EVIDENCE");
  publish_scorecard (team, carol, "Carol", "cand-d2", 2, "CAROL-D2");
  run_cli (f, &blind_run, markdown);
  g_assert_cmpint (blind_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (blind_run.out, "# Debrief: " NAME "\n"));
  g_assert_nonnull (strstr (blind_run.out, "blind"));
  g_assert_nonnull (strstr (blind_run.out, "2 colleagues have submitted"));
  g_assert_null (strstr (blind_run.out, "BOB-EVIDENCE"));
  g_assert_null (strstr (blind_run.out, "Carol"));
  g_assert_nonnull (strstr (blind_run.err, "blind"));

  /* Submitted (with the identity the command line uses): everything. */
  publish_scorecard (team, f->library, "Me", "cand-d1", 3, "MY-EVIDENCE");
  run_cli (f, &file_run, markdown_file);
  g_assert_cmpint (file_run.status, ==, 0);
  g_assert_cmpstr (file_run.out, ==, "");
  g_assert_cmpint (ik_test_file_mode (md_path), ==, 0600);
  contents = read_file (md_path);
  g_assert_nonnull (strstr (contents, "| Competency | Bob | Carol | Me | Spread |\n"));
  g_assert_nonnull (strstr (contents, "| Threat modelling | 1 | 3 | 3 | ⚠ spread 2 |\n"));
  g_assert_nonnull (strstr (contents, "- **Bob:** valid"));
  g_assert_nonnull (strstr (contents, "- **Me:** valid"));
  g_assert_nonnull (strstr (contents, "> BOB-EVIDENCE\n"));
  g_assert_null (strstr (contents, "blind"));

  run_cli (f, &csv_run, csv);
  g_assert_cmpint (csv_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv_run.out, "\"candidate_id\",\"interviewer_id\",\"interviewer_name\",\"signature\","));
  g_assert_nonnull (strstr (csv_run.out, "\"Carol\",\"valid\",\"threat\",\"Threat modelling\",\"3\",\"'=CAROL-EVIDENCE\",\"yes\"\r\n"));
  g_assert_nonnull (strstr (csv_run.out, "\"Bob\",\"valid\",\"threat\",\"Threat modelling\",\"1\",\"BOB-EVIDENCE\",\"yes\"\r\n"));

  /* PDF: only to a file; the full debrief and a blind one. */
  run_cli (f, &pdf_stdout_run, pdf_stdout);
  g_assert_cmpint (pdf_stdout_run.status, !=, 0);
  g_assert_nonnull (strstr (pdf_stdout_run.err, "--output"));
  g_assert_cmpstr (pdf_stdout_run.out, ==, "");
  run_cli (f, &pdf_run, pdf);
  g_assert_cmpint (pdf_run.status, ==, 0);
  head = read_file (pdf_path);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  text = pdf_to_text (pdf_path);
  g_assert_nonnull (strstr (text, "Debrief: " NAME));
  g_assert_nonnull (strstr (text, "Threat modelling"));
  g_assert_nonnull (strstr (text, "spread 2"));
  g_assert_nonnull (strstr (text, "BOB-EVIDENCE"));
  g_assert_nonnull (strstr (text, "Carol"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_null (strstr (text, "blind"));
  run_cli (f, &blind_pdf_run, blind_pdf);
  g_assert_cmpint (blind_pdf_run.status, ==, 0);
  blind_text = pdf_to_text (blind_pdf_path);
  g_assert_nonnull (strstr (blind_text, "blind"));
  g_assert_nonnull (strstr (blind_text, "1 colleague has submitted"));
  g_assert_null (strstr (blind_text, "CAROL-D2"));

  /* Errors: an unknown candidate, a format a debrief has not. */
  run_cli (f, &unknown_run, unknown);
  g_assert_cmpint (unknown_run.status, !=, 0);
  g_assert_nonnull (strstr (unknown_run.err, "cand-nobody"));
  g_assert_cmpstr (unknown_run.out, ==, "");
  run_cli (f, &format_run, bad_format);
  g_assert_cmpint (format_run.status, !=, 0);
  g_assert_nonnull (strstr (format_run.err, "html"));

  /* The hiring lead sees the candidate this interviewer did not meet. */
  set_team_settings (f, team, TRUE);
  {
    const char *lead[] = { "--debrief", "cand-d2", NULL };

    run_cli (f, &lead_run, lead);
  }
  g_assert_cmpint (lead_run.status, ==, 0);
  g_assert_nonnull (strstr (lead_run.out, "> CAROL-D2\n"));
  g_assert_null (strstr (lead_run.out, "blind"));

  /* One candidate under two ids, joined by this interviewer's answer: either
   * id gives the one debrief of all four scorecards. */
  set_team_settings (f, team, FALSE);
  {
    g_autofree char *dan = g_build_filename (f->data_home, "dan", NULL);
    g_autofree char *answers = g_build_filename (f->library, IK_CANDIDATE_MATCHES_FILE, NULL);
    const char *joined[] = { "--debrief", "cand-d9", NULL };
    g_auto(Run) joined_run = { 0, };
    g_autoptr(GError) error = NULL;

    publish_scorecard (team, dan, "Dan", "cand-d9", 2, "DAN-EVIDENCE");
    g_file_set_contents (answers,
                         "{\"format\":\"interview-kit/candidate-matches\",\"version\":1,"
                         "\"same\":[[\"cand-d9\",\"cand-d1\"]],\"different\":[]}",
                         -1, &error);
    g_assert_no_error (error);
    run_cli (f, &joined_run, joined);
    g_assert_cmpint (joined_run.status, ==, 0);
    g_assert_nonnull (strstr (joined_run.out, "| Competency | Bob | Carol | Dan | Me | Spread |\n"));
    g_assert_nonnull (strstr (joined_run.out, "> DAN-EVIDENCE\n"));
    g_assert_nonnull (strstr (joined_run.out, "> MY-EVIDENCE\n"));
  }
}

/* Long and hostile text in a PDF: markup stays text, a long piece of
 * evidence flows over pages, many columns still make a page. */
static void
test_debrief_pdf_hostile (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) scorecards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(IkDebrief) debrief = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) evidence = g_string_new (NULL);
  g_autofree char *path = output_path (f, "hostile.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (evidence, "word%u%s", i, i % 40 == 39 ? "\n" : " ");
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(IkSession) session = ik_session_new ();
      g_autoptr(IkCompetencyRating) rating = ik_competency_rating_new ("threat", "Threat <b>modelling</b> & co");
      g_autofree char *id = g_strdup_printf ("ivr-%02u", i);
      g_autofree char *name = g_strdup_printf ("<i>Name %u</i> & </span>", i);

      g_assert_true (ik_session_set_candidate_id (session, "cand-h"));
      g_assert_true (ik_competency_rating_set_rating (rating, 1 + i % 4));
      g_assert_true (ik_competency_rating_set_evidence (rating, i == 0 ? evidence->str : "<span foreground='red'>x"));
      g_assert_true (ik_scorecard_add_rating (ik_session_get_scorecard (session), rating));
      g_assert_true (ik_scorecard_submit (ik_session_get_scorecard (session), NULL));
      g_ptr_array_add (scorecards, ik_team_scorecard_new_from_session (session, id, name, FALSE, NULL));
    }

  debrief = ik_debrief_new ("cand-h", scorecards, NULL, TRUE);
  bytes = ik_debrief_pdf_to_bytes (debrief, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  text = pdf_to_text (path);
  g_assert_nonnull (strstr (text, "Page 2 of"));
  g_assert_nonnull (strstr (text, "word2999"));
  g_assert_nonnull (strstr (text, "<span foreground='red'>x"));
  g_assert_nonnull (strstr (text, "<i>Name 11</i> & </span>"));
  flat = squeeze (text);
  g_assert_nonnull (strstr (flat, "spread3"));
}

/* Erasing a candidate ------------------------------------------------------ */

/* TRUE when a file under @dir holds @needle. */
static gboolean
folder_holds (const char *dir,
              const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (strstr (name, needle) != NULL)
        return TRUE;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) ? folder_holds (path, needle)
          : (g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_erase_candidate (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->library, "sessions", SESSION_ID ".json", NULL);
  const char *ask[] = { "--erase-candidate", "cand-cli-7", NULL };
  const char *yes[] = { "--erase-candidate", "noor  VANTONGEREN", "--yes", NULL };
  const char *unknown[] = { "--erase-candidate", "Nobody Here", NULL };

  write_session (f);

  /* Listed, asked, refused: nothing goes. */
  {
    g_auto(Run) run = { 0, };

    run_cli_with_input (f, &run, ask, "n\n");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, path));
    g_assert_nonnull (strstr (run.out, "[y/N]"));
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Run) run = { 0, };

    run_cli_with_input (f, &run, unknown, "y\n");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Nobody Here"));
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }

  /* By name, without asking: the session and its trash copy go. */
  {
    g_auto(Run) run = { 0, };

    run_cli_with_input (f, &run, yes, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Erased 1 item."));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_false (folder_holds (f->library, NAME));
    g_assert_false (folder_holds (f->library, "cand-cli-7"));
    g_assert_false (folder_holds (f->library, SESSION_ID));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/list-banks", Fixture, NULL, fixture_setup, test_list_banks, fixture_teardown);
  g_test_add ("/cli/import-guide", Fixture, NULL, fixture_setup, test_import_guide, fixture_teardown);
  g_test_add ("/cli/import-missing", Fixture, NULL, fixture_setup, test_import_missing, fixture_teardown);
  g_test_add ("/cli/export-bank", Fixture, NULL, fixture_setup, test_export_bank, fixture_teardown);
  g_test_add ("/cli/export-bank-errors", Fixture, NULL, fixture_setup, test_export_bank_errors, fixture_teardown);
  g_test_add ("/cli/export-session-text", Fixture, NULL, fixture_setup, test_export_session_text, fixture_teardown);
  g_test_add ("/cli/export-session-pdf", Fixture, NULL, fixture_setup, test_export_session_pdf, fixture_teardown);
  g_test_add ("/cli/export-session-pdf-bidi", Fixture, NULL, fixture_setup, test_export_session_pdf_bidi, fixture_teardown);
  g_test_add ("/cli/export-session-pdf-marks", Fixture, NULL, fixture_setup, test_export_session_pdf_marks, fixture_teardown);
  g_test_add ("/cli/export-session-altered", Fixture, NULL, fixture_setup, test_export_session_altered, fixture_teardown);
  g_test_add ("/cli/export-session-errors", Fixture, NULL, fixture_setup, test_export_session_errors, fixture_teardown);
  g_test_add ("/cli/export-session-pseudonymised", Fixture, NULL, fixture_setup, test_export_session_pseudonymised,
              fixture_teardown);
  g_test_add ("/cli/subject-access", Fixture, NULL, fixture_setup, test_subject_access, fixture_teardown);
  g_test_add ("/cli/debrief", Fixture, NULL, fixture_setup, test_debrief, fixture_teardown);
  g_test_add ("/cli/erase-candidate", Fixture, NULL, fixture_setup, test_erase_candidate, fixture_teardown);
  g_test_add ("/cli/debrief-pdf-hostile", Fixture, NULL, fixture_setup, test_debrief_pdf_hostile, fixture_teardown);

  return g_test_run ();
}
