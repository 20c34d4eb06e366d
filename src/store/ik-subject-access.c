/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-subject-access.c: everything stored about one candidate, for them. */
#include "config.h"

#include "ik-subject-access.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ik-candidate-match.h"
#include "ik-erase.h"
#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-util.h"

typedef struct
{
  char *path;
  char *description;
  /* The library's session of this file, as stored (main thread copy). */
  JsonNode *session;
} Source;

struct _IkSubjectAccess
{
  char       *candidate_id;
  GPtrArray  *names;     /* distinct candidate names, as typed */
  GPtrArray  *sources;   /* Source */
  GDateTime  *created;
};

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->path);
  g_free (source->description);
  g_clear_pointer (&source->session, json_node_unref);
  g_free (source);
}

void
ik_subject_access_free (IkSubjectAccess *self)
{
  if (self == NULL)
    return;
  g_free (self->candidate_id);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->sources);
  g_date_time_unref (self->created);
  g_free (self);
}

/* The library's session stored at @path, or NULL. */
static IkSession *
session_of_path (IkLibrary  *library,
                 const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sessions_dir = g_build_filename (ik_library_get_dir (library), "sessions", NULL);

  if (!g_str_has_suffix (base, ".json") || g_strcmp0 (dir, sessions_dir) != 0)
    return NULL;
  base[strlen (base) - strlen (".json")] = '\0';
  return ik_library_find_session (library, base);
}

/**
 * ik_subject_access_new:
 * @library: a loaded library
 * @team_folder: (nullable): the team folder, if one is set
 * @data_dir: the folder of `team-candidates.json` (the library's)
 * @name_or_id: the candidate, by id or name (see ik-erase.h)
 *
 * Finds what is stored about the candidate, through the plan of an erase
 * that is never executed: the two can never disagree on what is kept.
 * Reads nothing but what the erase plan reads.
 *
 * Returns: (transfer full) (nullable): the report to write, or %NULL with
 *   @error (no such candidate, or a name given to several ids)
 */
static gboolean
has_source (IkSubjectAccess *self,
            const char      *path)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (((Source *) g_ptr_array_index (self->sources, i))->path, path) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every file of `<team>/candidates/<candidate-id>/` not listed yet, in
 * name order (sync clients' conflict copies included). */
static void
add_team_files (IkSubjectAccess *self,
                const char      *team_path)
{
  g_autofree char *dir_path = g_build_filename (team_path, "candidates", self->candidate_id, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      Source *source;

      if (has_source (self, path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      source = g_new0 (Source, 1);
      source->path = g_steal_pointer (&path);
      source->description = g_strdup (_("A colleague’s scorecard in the team folder"));
      g_ptr_array_add (self->sources, source);
    }
}

IkSubjectAccess *
ik_subject_access_new (IkLibrary     *library,
                       IkTeamFolder  *team_folder,
                       const char    *data_dir,
                       const char    *name_or_id,
                       GError       **error)
{
  g_autoptr(IkErasePlan) plan = NULL;
  IkSubjectAccess *self;
  GListModel *sessions;

  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  plan = ik_erase_plan_new (library, team_folder, data_dir, name_or_id, error);
  if (plan == NULL)
    return NULL;

  self = g_new0 (IkSubjectAccess, 1);
  self->candidate_id = g_strdup (ik_erase_plan_get_candidate_id (plan));
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->sources = g_ptr_array_new_with_free_func (source_free);
  self->created = g_date_time_new_now_utc ();

  for (guint i = 0; i < ik_erase_plan_get_n_items (plan); i++)
    {
      const char *path = ik_erase_plan_get_path (plan, i);
      IkSession *session = session_of_path (library, path);
      Source *source;

      /* The candidate's folder is listed to be removed; its files are
       * listed on their own. */
      if (session == NULL && g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      source = g_new0 (Source, 1);
      source->path = g_strdup (path);
      source->description = g_strdup (ik_erase_plan_get_description (plan, i));
      if (session != NULL)
        source->session = ik_session_to_json (session);
      g_ptr_array_add (self->sources, source);
    }

  /* Colleagues' scorecards of the candidate in the team folder are stored
   * about them too (erasing leaves those to their writers). */
  if (team_folder != NULL && ik_id_is_valid (self->candidate_id))
    add_team_files (self, ik_team_folder_get_path (team_folder));

  sessions = ik_library_get_sessions (library);
  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      const char *name = ik_session_get_candidate_name (session);

      if (g_strcmp0 (ik_session_get_candidate_id (session), self->candidate_id) == 0 &&
          !ik_str_is_blank (name) && !g_ptr_array_find_with_equal_func (self->names, name, g_str_equal, NULL))
        g_ptr_array_add (self->names, g_strdup (name));
    }
  return self;
}

const char *
ik_subject_access_get_candidate_id (IkSubjectAccess *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->candidate_id;
}

guint
ik_subject_access_get_n_sources (IkSubjectAccess *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->sources->len;
}

const char *
ik_subject_access_get_source (IkSubjectAccess *self,
                              guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);

  return ((Source *) g_ptr_array_index (self->sources, index))->path;
}

/**
 * ik_subject_access_get_filename:
 * @extension: "json" or "pdf"
 *
 * Returns: (transfer full): `subject-access-<id>.<extension>`, the id made
 *   safe for a file name
 */
char *
ik_subject_access_get_filename (IkSubjectAccess *self,
                                const char      *extension)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  id = g_strdup (self->candidate_id);
  g_strcanon (id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", '_');
  return g_strdup_printf ("subject-access-%s.%s", id, extension);
}

/* Whether @node, an answer of the matches file (an array of ids), names
 * @candidate_id. */
static gboolean
answer_names (JsonNode   *node,
              const char *candidate_id)
{
  JsonArray *ids;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  ids = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *id = json_array_get_element (ids, i);

      if (JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (id), candidate_id))
        return TRUE;
    }
  return FALSE;
}

/* Of the answers file, only what is about the candidate: the other
 * candidates' answers are theirs. */
static JsonNode *
own_answers (JsonNode   *root,
             const char *candidate_id)
{
  static const char * const members[] = { "same", "different" };
  g_autoptr(JsonObject) kept = json_object_new ();

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonNode *node = JSON_NODE_HOLDS_OBJECT (root)
                         ? json_object_get_member (json_node_get_object (root), members[m]) : NULL;
      JsonArray *answers = json_array_new ();

      for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                        i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *answer = json_array_get_element (json_node_get_array (node), i);

          if (answer_names (answer, candidate_id))
            json_array_add_element (answers, json_node_copy (answer));
        }
      json_object_set_array_member (kept, members[m], answers);
    }
  return json_node_init_object (json_node_alloc (), kept);
}

/* The file as read, or a JSON null when it cannot be read as JSON. */
static JsonNode *
read_document (const char *path,
               const char *candidate_id)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;

  if (!ik_file_store_read (path, IK_LIMIT_FILE_SIZE, &data, &length, NULL))
    return json_node_new (JSON_NODE_NULL);
  root = ik_json_parse (data, length, NULL, NULL, NULL);
  if (root == NULL)
    return json_node_new (JSON_NODE_NULL);
  if (g_str_has_suffix (path, G_DIR_SEPARATOR_S IK_CANDIDATE_MATCHES_FILE))
    return own_answers (root, candidate_id);
  return g_steal_pointer (&root);
}

/**
 * ik_subject_access_build:
 *
 * The report (see ik-subject-access.h). Reads the files that are not
 * sessions of the library: may run in a worker thread.
 *
 * Returns: (transfer full): the report
 */
JsonNode *
ik_subject_access_build (IkSubjectAccess *self)
{
  g_autoptr(JsonObject) report = json_object_new ();
  JsonArray *names = json_array_new ();
  JsonArray *sessions = json_array_new ();
  JsonArray *files = json_array_new ();
  JsonArray *paths = json_array_new ();
  g_autofree char *created = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  created = g_date_time_format_iso8601 (self->created);
  for (guint i = 0; i < self->names->len; i++)
    json_array_add_string_element (names, g_ptr_array_index (self->names, i));
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *source = g_ptr_array_index (self->sources, i);

      json_array_add_string_element (paths, source->path);
      if (source->session != NULL)
        json_array_add_element (sessions, json_node_copy (source->session));
      else
        {
          JsonObject *file = json_object_new ();

          json_object_set_string_member (file, "path", source->path);
          json_object_set_string_member (file, "description", source->description);
          json_object_set_member (file, "document", read_document (source->path, self->candidate_id));
          json_array_add_object_element (files, file);
        }
    }

  json_object_set_string_member (report, "format", "interview-kit/subject-access");
  json_object_set_int_member (report, "version", 1);
  json_object_set_string_member (report, "candidate_id", self->candidate_id);
  json_object_set_array_member (report, "candidate_names", names);
  json_object_set_string_member (report, "created", created);
  json_object_set_array_member (report, "sessions", sessions);
  json_object_set_array_member (report, "files", files);
  json_object_set_array_member (report, "sources", paths);
  return json_node_init_object (json_node_alloc (), report);
}

static gboolean
write_bytes (const char  *dir,
             const char  *name,
             const char  *data,
             gsize        length,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return ik_file_store_write (path, data, length, error);
}

/**
 * ik_subject_access_write:
 * @dir: an existing folder
 * @pdf: (nullable) (scope call): lays the report out as a PDF, written
 *   beside the JSON; %NULL writes only the JSON
 * @cancellable: (nullable): stops before anything is written
 *
 * Builds the report and writes `subject-access-<id>.json` (and `.pdf`)
 * into @dir, each atomically.
 *
 * Returns: whether every file was written
 */
gboolean
ik_subject_access_write (IkSubjectAccess         *self,
                         const char              *dir,
                         IkSubjectAccessPdfFunc   pdf,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GBytes) pdf_bytes = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_name = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("“%s” is not a folder"), dir);
      return FALSE;
    }
  report = ik_subject_access_build (self);
  json = ik_json_to_data (report, &length, error);
  if (json == NULL)
    return FALSE;
  if (pdf != NULL)
    {
      pdf_bytes = pdf (report, cancellable, error);
      if (pdf_bytes == NULL)
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  json_name = ik_subject_access_get_filename (self, "json");
  if (!write_bytes (dir, json_name, json, length, error))
    return FALSE;
  if (pdf_bytes != NULL)
    {
      g_autofree char *pdf_name = ik_subject_access_get_filename (self, "pdf");

      if (!write_bytes (dir, pdf_name, g_bytes_get_data (pdf_bytes, NULL), g_bytes_get_size (pdf_bytes), error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  IkSubjectAccess        *access;
  char                   *dir;
  IkSubjectAccessPdfFunc  pdf;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *write = data;

  ik_subject_access_free (write->access);
  g_free (write->dir);
  g_free (write);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *write = task_data;
  GError *error = NULL;

  if (ik_subject_access_write (write->access, write->dir, write->pdf, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ik_subject_access_write_async:
 * @self: (transfer full): the report; the task owns it from now on
 *
 * ik_subject_access_write() in a worker thread.
 */
void
ik_subject_access_write_async (IkSubjectAccess        *self,
                               const char             *dir,
                               IkSubjectAccessPdfFunc  pdf,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *write;

  g_return_if_fail (self != NULL);
  g_return_if_fail (dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_subject_access_write_async);
  g_task_set_name (task, "[interview-kit] subject access");
  write = g_new0 (WriteData, 1);
  write->access = self;
  write->dir = g_strdup (dir);
  write->pdf = pdf;
  g_task_set_task_data (task, write, write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ik_subject_access_write_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
