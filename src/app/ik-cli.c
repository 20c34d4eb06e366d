/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line: import and export without opening a window. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ik-bank-export.h"
#include "ik-cli.h"
#include "ik-debrief-pdf.h"
#include "ik-debrief.h"
#include "ik-erase.h"
#include "ik-export-files.h"
#include "ik-guide-import.h"
#include "ik-json.h"
#include "ik-pdf-export.h"
#include "ik-problem.h"
#include "ik-pseudonym-key.h"
#include "ik-scorecard-export.h"
#include "ik-subject-access-pdf.h"
#include "ik-subject-access.h"
#include "ik-team-folder.h"

static const GOptionEntry cli_entries[] = {
  { "list-banks", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the banks of the library (id, title, number of questions)"), NULL },
  { "import-guide", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import a guide (text, Markdown or bank file) into the library"), N_("FILE") },
  { "title", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Title of the imported bank when the guide names none"), N_("TEXT") },
  { "export-bank", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export the bank with this id"), N_("ID") },
  { "export-session", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export the scorecard of the session with this id"), N_("ID") },
  { "debrief", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export the debrief of the candidate with this id, from the team folder"), N_("CANDIDATE-ID") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export format: json, markdown or guide for a bank; pdf, html, markdown, csv or json for a session; "
       "pdf, markdown or csv for a debrief"),
    N_("FORMAT") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the export to FILE instead of standard output"), N_("FILE") },
  { "no-notes", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave the private notes out of a session export"), NULL },
  { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Replace the candidate’s name by a pseudonym in a session export"), NULL },
  { "erase-candidate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Erase every session and your team files about this candidate (asks first)"), N_("NAME-OR-ID") },
  { "yes", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Erase without asking (with --erase-candidate)"), NULL },
  { "subject-access", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write everything stored about this candidate, as JSON and PDF, into the folder given with --output"),
    N_("NAME-OR-ID") },
  { NULL }
};

void
ik_cli_add_options (IkApplication *app)
{
  g_application_add_main_option_entries (G_APPLICATION (app), cli_entries);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Loads the library synchronously: the command line has no window to keep
 * responsive, and every command needs the whole library. */
static IkLibrary *
load_library (IkApplication *app,
              GError       **error)
{
  GSettings *settings = ik_application_get_settings (app);
  g_autofree char *location = g_settings_get_string (settings, "library-location");
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *problems;

  if (location[0] == '\0')
    {
      g_free (location);
      location = g_build_filename (g_get_user_data_dir (), APP_ID, NULL);
    }

  library = ik_library_new (location);
  ik_library_set_retention_months (library, (guint) g_settings_get_int (settings, "retention-months"));
  ik_library_load_async (library, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!ik_library_load_finish (library, result, error))
    return NULL;

  problems = ik_library_get_problems (library);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (problems, i);

      if (ik_problem_get_line (problem) > 0)
        g_printerr ("%s:%u:%u: %s\n", ik_problem_get_path (problem),
                    ik_problem_get_line (problem), ik_problem_get_column (problem),
                    ik_problem_get_message (problem));
      else
        g_printerr ("%s: %s\n", ik_problem_get_path (problem), ik_problem_get_message (problem));
    }

  return g_steal_pointer (&library);
}

static int
list_banks (IkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = load_library (app, &error);
  GListModel *banks;

  if (library == NULL)
    {
      g_printerr (_("Could not read the library: %s\n"), error->message);
      return 1;
    }

  banks = ik_library_get_banks (library);
  for (guint i = 0; i < g_list_model_get_n_items (banks); i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, i);

      g_print ("%s\t%s\t%u\n", ik_bank_get_id (bank), ik_bank_get_title (bank),
               g_list_model_get_n_items (ik_bank_get_questions (bank)));
    }
  return 0;
}

static int
import_guide (IkApplication *app,
              const char    *path,
              const char    *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *questions = NULL;
  g_autofree char *guidance = NULL;
  g_autofree char *warned = NULL;
  guint n_questions, n_guidance, n_warnings;
  gsize length = 0;
  const char *data;

  /* The same reader as the window's import, under the same size cap. */
  contents = ik_import_read_file (file, NULL, &error);
  if (contents == NULL)
    {
      g_printerr (_("Could not read “%s”: %s\n"), path, error->message);
      return 1;
    }

  data = g_bytes_get_data (contents, &length);
  bank = ik_bank_import_file_contents (data != NULL ? data : "", length, basename, &warnings, &error);
  if (bank == NULL)
    {
      g_printerr (_("Could not import “%s”: %s\n"), path, error->message);
      return 1;
    }
  if (title != NULL && title[0] != '\0')
    ik_bank_set_title (bank, title);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      IkImportWarning *warning = g_ptr_array_index (warnings, i);
      g_printerr (_("%s:%u: warning: %s\n"), path, warning->line, warning->message);
    }

  library = load_library (app, &error);
  if (library == NULL)
    {
      g_printerr (_("Could not read the library: %s\n"), error->message);
      return 1;
    }

  if (ik_library_find_bank (library, ik_bank_get_id (bank)) != NULL)
    {
      g_autoptr(IkBank) copy = ik_bank_duplicate (bank, ik_bank_get_title (bank));
      g_set_object (&bank, copy);
    }

  ik_library_add_bank (library, bank);
  if (!ik_library_flush (library, &error))
    {
      g_printerr (_("Could not save the imported bank: %s\n"), error->message);
      return 1;
    }

  n_questions = g_list_model_get_n_items (ik_bank_get_questions (bank));
  n_guidance = g_list_model_get_n_items (ik_bank_get_guidance (bank));
  n_warnings = warnings != NULL ? warnings->len : 0;
  questions = g_strdup_printf (ngettext ("%u question", "%u questions", n_questions), n_questions);
  guidance = g_strdup_printf (ngettext ("%u guidance entry", "%u guidance entries", n_guidance),
                              n_guidance);
  warned = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  /* Translators: a bank's title and id, then "12 questions", "3 guidance
   * entries" and "1 warning" */
  g_print (_("Imported “%s” (%s): %s, %s, %s\n"),
           ik_bank_get_title (bank), ik_bank_get_id (bank), questions, guidance, warned);
  return 0;
}

/* Writes to a file atomically, or to standard output. */
static int
write_output (const char *output,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (output == NULL || g_strcmp0 (output, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_printerr (_("Could not write to standard output\n"));
          return 1;
        }
      return 0;
    }

  /* What the window writes, the same way; no window waits here. */
  file = g_file_new_for_path (output);
  if (!ik_export_write_file (file, bytes, &error))
    {
      g_printerr (_("Could not write “%s”: %s\n"), output, error->message);
      return 1;
    }
  return 0;
}

static int
export_bank (IkApplication *app,
             const char    *id,
             const char    *format,
             const char    *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GBytes) bytes = NULL;
  IkBankFormat bank_format = IK_BANK_FORMAT_JSON;
  IkBank *bank;

  /* Check the format first: a typo should not wait for the library. */
  if (format != NULL && !ik_bank_format_from_name (format, &bank_format))
    {
      g_printerr (_("Unknown format “%s”: use json, markdown or guide.\n"), format);
      return 1;
    }

  library = load_library (app, &error);

  if (library == NULL)
    {
      g_printerr (_("Could not read the library: %s\n"), error->message);
      return 1;
    }

  bank = ik_library_find_bank (library, id);
  if (bank == NULL)
    {
      g_printerr (_("No bank with the id “%s”. Use --list-banks to see them.\n"), id);
      return 1;
    }

  bytes = ik_bank_export_bytes (bank, bank_format, &error);
  if (bytes == NULL)
    {
      g_printerr (_("Could not export the bank: %s\n"), error->message);
      return 1;
    }
  return write_output (output, bytes);
}

static int
export_session (IkApplication         *app,
                const char            *id,
                const char            *format_name,
                const char            *output,
                const IkExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autoptr(GBytes) key = NULL;
  IkExportOptions keyed;
  IkExportFormat format = IK_EXPORT_FORMAT_JSON;
  IkSession *session;
  IkBank *bank;

  /* Check the format first: a typo should not wait for the library. */
  if (format_name != NULL && !ik_export_format_from_name (format_name, &format))
    {
      g_printerr (_("Unknown format “%s”: use pdf, html, markdown, csv or json.\n"), format_name);
      return 1;
    }

  library = load_library (app, &error);
  if (library == NULL)
    {
      g_printerr (_("Could not read the library: %s\n"), error->message);
      return 1;
    }

  session = ik_library_find_session (library, id);
  if (session == NULL)
    {
      g_printerr (_("No session with the id “%s”.\n"), id);
      return 1;
    }
  bank = ik_library_find_bank (library, ik_session_get_bank_id (session));
  /* The export says it too; this is for whoever runs it in a script. */
  if (ik_scorecard_get_altered (ik_session_get_scorecard (session)))
    g_printerr (_("Warning: %s\n"), ik_export_altered_warning ());

  keyed = *options;
  if (options->pseudonymise)
    {
      key = ik_pseudonym_key_load_or_create (ik_library_get_dir (library), &error);
      if (key == NULL)
        {
          g_printerr (_("Could not export the session: %s\n"), error->message);
          return 1;
        }
      keyed.pseudonym_key = key;
    }
  options = &keyed;

  if (format == IK_EXPORT_FORMAT_PDF)
    {
      g_autoptr(GBytes) pdf = ik_pdf_export_to_bytes (session, bank, options, &error);

      if (pdf == NULL)
        {
          g_printerr (_("Could not export the session: %s\n"), error->message);
          return 1;
        }
      return write_output (output, pdf);
    }
  else
    {
      gsize length = 0;
      char *data = ik_scorecard_export (session, bank, options, format, &length, &error);
      g_autoptr(GBytes) bytes = NULL;

      if (data == NULL)
        {
          g_printerr (_("Could not export the session: %s\n"), error->message);
          return 1;
        }
      bytes = g_bytes_new_take (data, length);
      return write_output (output, bytes);
    }
}

/* The debrief of one candidate, as this interviewer may see it: the team
 * folder of the settings, read once (no watching), with the identity and
 * the pinned keys of the library's folder, as the window reads it. */
static int
export_debrief (IkApplication *app,
                const char    *candidate_id,
                const char    *format_name,
                const char    *output)
{
  GSettings *settings = ik_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *trust_path = NULL;
  g_autofree char *matches_path = NULL;
  g_autoptr(IkCandidateMatches) matches = NULL;
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(GPtrArray) scorecards = NULL;
  g_autoptr(IkDebrief) debrief = NULL;
  g_autoptr(GBytes) bytes = NULL;
  IkExportFormat format = IK_EXPORT_FORMAT_MARKDOWN;
  IkIdentity *identity;

  /* Check the arguments first: a typo should not wait for the folder. */
  if (format_name != NULL
      && (!ik_export_format_from_name (format_name, &format)
          || (format != IK_EXPORT_FORMAT_PDF && format != IK_EXPORT_FORMAT_MARKDOWN
              && format != IK_EXPORT_FORMAT_CSV)))
    {
      g_printerr (_("Unknown format “%s”: use pdf, markdown or csv.\n"), format_name);
      return 1;
    }
  if (format == IK_EXPORT_FORMAT_PDF && (output == NULL || g_strcmp0 (output, "-") == 0))
    {
      g_printerr (_("A PDF debrief is written to a file: add --output FILE.\n"));
      return 1;
    }
  if (!ik_id_is_valid (candidate_id))
    {
      g_printerr (_("“%s” is not a candidate id.\n"), candidate_id);
      return 1;
    }

  path = g_settings_get_string (settings, "team-folder");
  if (path[0] == '\0')
    {
      g_printerr (_("No team folder is set: choose one in Preferences first.\n"));
      return 1;
    }

  data_dir = ik_application_dup_data_dir (app);
  identity = ik_application_get_identity (app, &error);
  if (identity == NULL)
    {
      g_printerr (_("Could not read your identity in “%s”: %s\n"), data_dir, error->message);
      return 1;
    }

  trust_path = g_build_filename (data_dir, "team-keys.json", NULL);
  folder = ik_team_folder_new (path, identity, trust_path);
  if (!ik_team_folder_reload (folder, &error))
    {
      g_printerr (_("Could not read the team folder “%s”: %s\n"), path, error->message);
      return 1;
    }

  /* Ids the user confirmed as one candidate give one debrief, as in the
   * window. */
  matches_path = g_build_filename (data_dir, IK_CANDIDATE_MATCHES_FILE, NULL);
  matches = ik_candidate_matches_new (matches_path, &error);
  if (matches == NULL)
    {
      g_printerr (_("Could not read “%s”, so candidates you matched are shown apart: %s\n"),
                  matches_path, error->message);
      g_clear_error (&error);
    }
  else
    candidate_id = ik_candidate_matches_resolve (matches, candidate_id);
  scorecards = ik_team_folder_list_candidate_group (folder, matches, candidate_id);
  if (scorecards == NULL || scorecards->len == 0)
    {
      g_printerr (_("The team folder “%s” holds no scorecard for the candidate “%s”.\n"), path, candidate_id);
      return 1;
    }

  debrief = ik_debrief_new (candidate_id, scorecards, ik_identity_get_id (identity),
                            g_settings_get_boolean (settings, "hiring-lead"));
  if (ik_debrief_get_blind (debrief))
    g_printerr (_("The debrief is blind until your own scorecard for this candidate is submitted; "
                  "the export only says how many colleagues submitted.\n"));

  switch (format)
    {
    case IK_EXPORT_FORMAT_PDF:
      bytes = ik_debrief_pdf_to_bytes (debrief, &error);
      if (bytes == NULL)
        {
          g_printerr (_("Could not export the debrief: %s\n"), error->message);
          return 1;
        }
      break;
    case IK_EXPORT_FORMAT_CSV:
      {
        char *csv = ik_debrief_to_csv (debrief);

        bytes = g_bytes_new_take (csv, strlen (csv));
      }
      break;
    case IK_EXPORT_FORMAT_MARKDOWN:
    default:
      {
        char *markdown = ik_debrief_to_markdown (debrief);

        bytes = g_bytes_new_take (markdown, strlen (markdown));
      }
      break;
    }
  return write_output (output, bytes);
}

/* The team folder of the settings, if one is set (*folder stays NULL
 * otherwise); FALSE after saying why when the identity cannot be read. */
static gboolean
open_team_folder (IkApplication  *app,
                  const char     *data_dir,
                  const char     *team_path,
                  IkTeamFolder  **folder)
{
  g_autofree char *trust_path = NULL;
  g_autoptr(GError) error = NULL;
  IkIdentity *identity;

  if (team_path[0] == '\0')
    return TRUE;
  trust_path = g_build_filename (data_dir, "team-keys.json", NULL);
  identity = ik_application_get_identity (app, &error);
  if (identity == NULL)
    {
      g_printerr (_("Could not read your identity in “%s”: %s\n"), data_dir, error->message);
      return FALSE;
    }
  *folder = ik_team_folder_new (team_path, identity, trust_path);
  return TRUE;
}

/* Writes everything stored about one candidate into @dir: the JSON report
 * and its PDF, then lists the files it came from. */
static int
subject_access (IkApplication *app,
                const char    *name_or_id,
                const char    *dir)
{
  GSettings *settings = ik_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = NULL;
  g_autofree char *team_path = g_settings_get_string (settings, "team-folder");
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(IkSubjectAccess) access = NULL;
  g_autofree char *json_name = NULL;
  g_autofree char *pdf_name = NULL;

  if (dir == NULL)
    {
      g_printerr (_("--subject-access needs --output with the folder to write to\n"));
      return 1;
    }
  library = load_library (app, &error);
  if (library == NULL)
    {
      g_printerr (_("Could not read the library: %s\n"), error->message);
      return 1;
    }
  if (!open_team_folder (app, ik_library_get_dir (library), team_path, &folder))
    return 1;

  access = ik_subject_access_new (library, folder, ik_library_get_dir (library), name_or_id, &error);
  if (access == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (ik_subject_access_get_n_sources (access) == 0)
    {
      g_print (_("Nothing is stored about the candidate “%s”.\n"), ik_subject_access_get_candidate_id (access));
      return 0;
    }
  if (!ik_subject_access_write (access, dir, ik_subject_access_pdf, NULL, &error))
    {
      g_printerr (_("Could not write the report: %s\n"), error->message);
      return 1;
    }
  json_name = ik_subject_access_get_filename (access, "json");
  pdf_name = ik_subject_access_get_filename (access, "pdf");
  g_print (_("Wrote %s and %s, from:\n"), json_name, pdf_name);
  for (guint i = 0; i < ik_subject_access_get_n_sources (access); i++)
    g_print ("  %s\n", ik_subject_access_get_source (access, i));
  return 0;
}

/* Erases one candidate: lists the files, asks on the terminal unless
 * @yes, then deletes them. The team folder of the settings is included
 * when one is set (only this interviewer's own files). */
static int
erase_candidate (IkApplication *app,
                 const char    *name_or_id,
                 gboolean       yes)
{
  GSettings *settings = ik_application_get_settings (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(IkLibrary) library = load_library (app, &error);
  g_autofree char *team_path = g_settings_get_string (settings, "team-folder");
  g_autofree char *data_dir = NULL;
  g_autoptr(IkTeamFolder) folder = NULL;
  g_autoptr(IkErasePlan) plan = NULL;
  guint n;

  if (library == NULL)
    {
      g_printerr (_("Could not read the library: %s\n"), error->message);
      return 1;
    }
  data_dir = g_strdup (ik_library_get_dir (library));
  if (!open_team_folder (app, data_dir, team_path, &folder))
    return 1;

  plan = ik_erase_plan_new (library, folder, data_dir, name_or_id, &error);
  if (plan == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n = ik_erase_plan_get_n_items (plan);
  if (n == 0)
    {
      g_print (_("Nothing is stored about the candidate “%s”.\n"), ik_erase_plan_get_candidate_id (plan));
      return 0;
    }

  g_print (_("Stored about the candidate “%s”:\n"), ik_erase_plan_get_candidate_id (plan));
  for (guint i = 0; i < n; i++)
    g_print ("  %s\n    %s\n", ik_erase_plan_get_description (plan, i), ik_erase_plan_get_path (plan, i));

  if (!yes)
    {
      char answer[16] = "";

      g_print (_("Erase all of this? It cannot be undone. [y/N] "));
      fflush (stdout);
      if (fgets (answer, sizeof answer, stdin) == NULL ||
          (g_ascii_tolower (answer[0]) != 'y' && strncmp (answer, _("y"), strlen (_("y"))) != 0))
        {
          g_print (_("Nothing was erased.\n"));
          return 1;
        }
    }

  if (!ik_erase_plan_execute (plan, &error))
    {
      g_printerr (_("Could not erase everything: %s\n"), error->message);
      return 1;
    }
  g_print (g_dngettext (NULL, "Erased %u item.\n", "Erased %u items.\n", n), n);
  return 0;
}

/**
 * ik_cli_handle_options:
 *
 * Returns: an exit status when a command-line action ran, or -1 to go on
 * and start the application normally.
 */
int
ik_cli_handle_options (IkApplication *app,
                       GVariantDict  *options)
{
  const char *import_path = NULL;
  const char *title = NULL;
  const char *bank_id = NULL;
  const char *format = NULL;
  const char *output = NULL;
  const char *session_id = NULL;
  const char *candidate_id = NULL;
  const char *erase_name = NULL;
  const char *access_name = NULL;
  IkExportOptions export_options = { TRUE, FALSE };

  g_variant_dict_lookup (options, "import-guide", "^&ay", &import_path);
  g_variant_dict_lookup (options, "title", "&s", &title);
  g_variant_dict_lookup (options, "export-bank", "&s", &bank_id);
  g_variant_dict_lookup (options, "format", "&s", &format);
  g_variant_dict_lookup (options, "output", "^&ay", &output);
  g_variant_dict_lookup (options, "export-session", "&s", &session_id);
  g_variant_dict_lookup (options, "debrief", "&s", &candidate_id);
  export_options.include_notes = !g_variant_dict_contains (options, "no-notes");
  export_options.pseudonymise = g_variant_dict_contains (options, "pseudonymise");

  if (g_variant_dict_contains (options, "list-banks"))
    return list_banks (app);
  if (g_variant_dict_lookup (options, "subject-access", "&s", &access_name))
    return subject_access (app, access_name, output);
  if (g_variant_dict_lookup (options, "erase-candidate", "&s", &erase_name))
    return erase_candidate (app, erase_name, g_variant_dict_contains (options, "yes"));
  if (import_path != NULL)
    return import_guide (app, import_path, title);
  if (bank_id != NULL)
    return export_bank (app, bank_id, format, output);
  if (session_id != NULL)
    return export_session (app, session_id, format, output, &export_options);
  if (candidate_id != NULL)
    {
      if (g_variant_dict_contains (options, "no-notes") || g_variant_dict_contains (options, "pseudonymise"))
        {
          /* A debrief holds only what the team folder holds. */
          g_printerr (_("--no-notes and --pseudonymise go with --export-session\n"));
          return 1;
        }
      return export_debrief (app, candidate_id, format, output);
    }

  if (g_variant_dict_contains (options, "no-notes") || g_variant_dict_contains (options, "pseudonymise"))
    {
      g_printerr (_("--no-notes and --pseudonymise go with --export-session\n"));
      return 1;
    }

  if (title != NULL || format != NULL || output != NULL)
    {
      g_printerr (_("--title, --format and --output go with --import-guide, --export-bank, --export-session or --debrief\n"));
      return 1;
    }

  return -1;
}
