/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-erase.c: erase everything stored about one candidate. */
#include "config.h"

#include "ik-erase.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ik-candidate-match.h"
#include "ik-identity.h"
#include "ik-json.h"
#include "ik-library-private.h"
#include "ik-limits.h"

typedef enum
{
  ITEM_SESSION,   /* through the library, then its trash copy */
  ITEM_FILE,      /* unlinked */
  ITEM_FOLDER,    /* removed when empty */
  ITEM_MATCHES,   /* rewritten without the candidate's answers */
} ItemKind;

typedef struct
{
  ItemKind   kind;
  char      *path;
  char      *description;
  IkSession *session;
} Item;

struct _IkErasePlan
{
  IkLibrary    *library;
  IkTeamFolder *team_folder;
  char         *candidate_id;
  /* Whose team folder files and answers go: the candidate's, or for
   * sessions, the candidates none of whose sessions is left. */
  GPtrArray    *candidate_ids;
  GPtrArray    *items;      /* Item */
  GHashTable   *paths;      /* listed once */
  /* Paths deleted by the execution, whose problems go (main thread). */
  GPtrArray    *deleted;
};

/* One candidate as a file names them. */
typedef struct
{
  char *path;
  char *session_id;
  char *candidate_id;
  char *candidate_name;
} Record;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->path);
  g_free (item->description);
  g_clear_object (&item->session);
  g_free (item);
}

static void
record_free (gpointer data)
{
  Record *record = data;

  g_free (record->path);
  g_free (record->session_id);
  g_free (record->candidate_id);
  g_free (record->candidate_name);
  g_free (record);
}

/* Without case, runs of white space as one space, trimmed. */
static char *
normalise_name (const char *name)
{
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  if (name != NULL && (nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC)) != NULL)
    folded = g_utf8_casefold (nfc, -1);
  for (const char *p = folded; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

static void
add_item (IkErasePlan *plan,
          ItemKind     kind,
          const char  *path,
          IkSession   *session,
          char        *description)
{
  Item *item;

  if (g_hash_table_contains (plan->paths, path))
    {
      g_free (description);
      return;
    }
  item = g_new0 (Item, 1);
  item->kind = kind;
  item->path = g_strdup (path);
  item->description = description;
  item->session = session != NULL ? g_object_ref (session) : NULL;
  g_hash_table_add (plan->paths, item->path);
  g_ptr_array_add (plan->items, item);
}

static gboolean
is_regular_file (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* The root object of a JSON file, or NULL when it cannot be read. */
static JsonObject *
read_object (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  guint line, column;

  if (!ik_file_store_read (path, IK_LIMIT_FILE_SIZE, &data, &len, NULL) ||
      (root = ik_json_parse (data, len, &line, &column, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static Record *
record_from_file (const char *path,
                  char       *session_id)
{
  g_autoptr(JsonObject) object = read_object (path);
  Record *record = g_new0 (Record, 1);

  record->path = g_strdup (path);
  record->session_id = session_id;
  if (object != NULL)
    {
      if (!ik_json_get_string (object, "candidate_id", FALSE, &record->candidate_id, NULL))
        g_clear_pointer (&record->candidate_id, g_free);
      if (!ik_json_get_string (object, "candidate_name", FALSE, &record->candidate_name, NULL))
        g_clear_pointer (&record->candidate_name, g_free);
    }
  return record;
}

/* `session-<id>-<time>.json` -> <id> */
static char *
trash_session_id (const char *name)
{
  const char *dash;
  gint64 when;

  if (!g_str_has_prefix (name, "session-") || !g_str_has_suffix (name, ".json") ||
      !ik_library_parse_trash_time (name, &when))
    return NULL;
  dash = strrchr (name, '-');
  if (dash <= name + strlen ("session-"))
    return NULL;
  return g_strndup (name + strlen ("session-"), dash - name - strlen ("session-"));
}

/* `<id>.conflict-<UTC>.json`, the library's own copies -> <id> */
static char *
conflict_session_id (const char *name)
{
  const char *mark = strstr (name, ".conflict-");

  if (mark == NULL || mark == name || !g_str_has_suffix (name, ".json"))
    return NULL;
  return g_strndup (name, mark - name);
}

/* Every file of the library that names a candidate: sessions, trash
 * copies, conflict copies. */
static GPtrArray *
collect_records (IkLibrary *library)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (record_free);
  GListModel *sessions = ik_library_get_sessions (library);
  g_autoptr(GPtrArray) trash = ik_library_list_dir (library->trash_dir, NULL);
  g_autoptr(GPtrArray) names = ik_library_list_dir (library->kind_dirs[KIND_SESSION], NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      Record *record = g_new0 (Record, 1);

      record->session_id = g_strdup (ik_session_get_id (session));
      record->candidate_id = g_strdup (ik_session_get_candidate_id (session));
      record->candidate_name = g_strdup (ik_session_get_candidate_name (session));
      g_ptr_array_add (records, record);
    }

  for (guint i = 0; trash != NULL && i < trash->len; i++)
    {
      const char *name = g_ptr_array_index (trash, i);
      char *id = trash_session_id (name);
      g_autofree char *path = NULL;

      if (id == NULL)
        continue;
      path = g_build_filename (library->trash_dir, name, NULL);
      g_ptr_array_add (records, record_from_file (path, id));
    }

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *id = conflict_session_id (name);
      g_autofree char *path = NULL;

      if (id == NULL)
        continue;
      path = g_build_filename (library->kind_dirs[KIND_SESSION], name, NULL);
      g_ptr_array_add (records, record_from_file (path, id));
    }

  return records;
}

/* The one candidate id meant by @name_or_id, or NULL with an error. */
static char *
resolve_candidate (GPtrArray   *records,
                   const char  *name_or_id,
                   GError     **error)
{
  g_autofree char *wanted = normalise_name (name_or_id);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) list = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->candidate_id, name_or_id) == 0)
        return g_strdup (name_or_id);
    }

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autofree char *name = normalise_name (record->candidate_name);

      if (wanted[0] != '\0' && g_strcmp0 (name, wanted) == 0 &&
          record->candidate_id != NULL && record->candidate_id[0] != '\0' &&
          !g_ptr_array_find_with_equal_func (ids, record->candidate_id, g_str_equal, NULL))
        g_ptr_array_add (ids, record->candidate_id);
    }

  if (ids->len == 1)
    return g_strdup (g_ptr_array_index (ids, 0));
  if (ids->len > 1)
    {
      list = g_string_new (NULL);
      for (guint i = 0; i < ids->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (ids, i));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Several candidates are called “%s”; give one of their ids: %s"), name_or_id, list->str);
      return NULL;
    }
  /* Only the team folder may know it. */
  if (ik_id_is_valid (name_or_id))
    return g_strdup (name_or_id);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No candidate has the name or id “%s”"), name_or_id);
  return NULL;
}

/* The sessions named by @session_ids (their files, trash and conflict
 * copies, temporary files). */
static void
plan_library (IkErasePlan *plan,
              GPtrArray   *records,
              GHashTable  *session_ids)
{
  IkLibrary *library = plan->library;
  g_autoptr(GPtrArray) trash = ik_library_list_dir (library->trash_dir, NULL);
  g_autoptr(GPtrArray) names = ik_library_list_dir (library->kind_dirs[KIND_SESSION], NULL);

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      IkSession *session;
      g_autofree char *path = NULL;

      if (record->path != NULL || !g_hash_table_contains (session_ids, record->session_id))
        continue;
      session = ik_library_find_session (library, record->session_id);
      path = g_strdup_printf ("%s%c%s.json", library->kind_dirs[KIND_SESSION], G_DIR_SEPARATOR,
                              record->session_id);
      add_item (plan, ITEM_SESSION, path, session,
                g_strdup_printf (_("Session “%s” with %s"), ik_session_get_role (session),
                                 record->candidate_name != NULL ? record->candidate_name : plan->candidate_id));
    }

  /* Trash copies and conflict copies of those sessions, readable or not. */
  for (guint i = 0; trash != NULL && i < trash->len; i++)
    {
      const char *name = g_ptr_array_index (trash, i);
      g_autofree char *id = trash_session_id (name);
      g_autofree char *path = NULL;

      if (id == NULL || !g_hash_table_contains (session_ids, id))
        continue;
      path = g_build_filename (library->trash_dir, name, NULL);
      if (is_regular_file (path))
        add_item (plan, ITEM_FILE, path, NULL, g_strdup (_("A deleted session in the trash")));
    }
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *id = conflict_session_id (name);
      g_autofree char *path = g_build_filename (library->kind_dirs[KIND_SESSION], name, NULL);
      g_autofree char *temp_id = NULL;

      if (id != NULL && g_hash_table_contains (session_ids, id) && is_regular_file (path))
        {
          add_item (plan, ITEM_FILE, path, NULL, g_strdup (_("A conflict copy of a session")));
          continue;
        }
      if (!ik_file_store_is_temp_name (name) || !g_str_has_prefix (name, "."))
        continue;
      temp_id = g_strdup (name + 1);
      if (strstr (temp_id, ".json.ik-tmp-") == NULL)
        continue;
      *strstr (temp_id, ".json.ik-tmp-") = '\0';
      if (g_hash_table_contains (session_ids, temp_id) && is_regular_file (path))
        add_item (plan, ITEM_FILE, path, NULL, g_strdup (_("A temporary file of an unfinished save")));
    }
}

/* This interviewer's own file names `<own-id>.json` and the sync clients'
 * conflict copies of it; a colleague's never. */
static gboolean
is_own_team_file (const char *name,
                  const char *own_id)
{
  g_autofree char *own = g_strdup_printf ("%s.json", own_id);
  g_autofree char *syncthing = g_strdup_printf ("%s.sync-conflict-", own_id);
  g_autofree char *nextcloud = g_strdup_printf ("%s (conflicted copy", own_id);
  g_autofree char *ours = g_strdup_printf ("%s.conflict-", own_id);

  if (g_strcmp0 (name, own) == 0)
    return TRUE;
  return g_str_has_suffix (name, ".json") &&
         (g_str_has_prefix (name, syncthing) || g_str_has_prefix (name, nextcloud) ||
          g_str_has_prefix (name, ours));
}

static void
plan_team_folder (IkErasePlan *plan,
                  const char  *candidate_id)
{
  const char *own_id = ik_identity_get_id (ik_team_folder_get_identity (plan->team_folder));
  g_autofree char *dir = g_build_filename (ik_team_folder_get_path (plan->team_folder),
                                           "candidates", candidate_id, NULL);
  g_autoptr(GPtrArray) names = ik_library_list_dir (dir, NULL);
  gboolean own = FALSE;

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!is_own_team_file (name, own_id) || !is_regular_file (path))
        continue;
      add_item (plan, ITEM_FILE, path, NULL,
                g_strdup (g_str_has_suffix (name, ".json") && strchr (name, ' ') == NULL &&
                          strstr (name, "conflict") == NULL
                          ? _("Your scorecard in the team folder")
                          : _("A conflict copy of your scorecard in the team folder")));
      own = TRUE;
    }
  if (own)
    add_item (plan, ITEM_FOLDER, dir, NULL,
              g_strdup (_("The candidate’s folder in the team folder, if nothing else is left in it")));
}

static gboolean
pair_names (JsonNode   *pair,
            const char *candidate_id)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (pair))
    return FALSE;
  array = json_node_get_array (pair);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), candidate_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Drops the answers naming one of @candidate_ids from the matches file's
 * root; returns how many went. */
static guint
drop_answers (JsonObject *root,
              GPtrArray  *candidate_ids)
{
  static const char * const members[] = { "same", "different" };
  guint dropped = 0;

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonNode *node = json_object_get_member (root, members[m]);
      g_autoptr(JsonArray) kept = NULL;
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      kept = json_array_new ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *pair = json_array_get_element (array, i);
          gboolean names = FALSE;

          for (guint c = 0; !names && c < candidate_ids->len; c++)
            names = pair_names (pair, g_ptr_array_index (candidate_ids, c));
          if (names)
            dropped++;
          else
            json_array_add_element (kept, json_node_copy (pair));
        }
      json_object_set_array_member (root, members[m], g_steal_pointer (&kept));
    }
  return dropped;
}

static void
plan_matches (IkErasePlan *plan,
              const char  *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, IK_CANDIDATE_MATCHES_FILE, NULL);
  g_autoptr(JsonObject) root = read_object (path);
  guint dropped;

  if (root == NULL || plan->candidate_ids->len == 0 ||
      (dropped = drop_answers (root, plan->candidate_ids)) == 0)
    return;
  add_item (plan, ITEM_MATCHES, path, NULL,
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u answer about this candidate’s other ids (the file keeps the others)",
                                          "%u answers about this candidate’s other ids (the file keeps the others)",
                                          dropped), dropped));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static IkErasePlan *
plan_new (IkLibrary    *library,
          IkTeamFolder *team_folder)
{
  IkErasePlan *plan = g_new0 (IkErasePlan, 1);

  plan->library = g_object_ref (library);
  plan->team_folder = team_folder != NULL ? g_object_ref (team_folder) : NULL;
  plan->candidate_ids = g_ptr_array_new_with_free_func (g_free);
  plan->items = g_ptr_array_new_with_free_func (item_free);
  plan->paths = g_hash_table_new (g_str_hash, g_str_equal);
  plan->deleted = g_ptr_array_new_with_free_func (g_free);
  return plan;
}

/* What goes with the candidates of plan->candidate_ids. */
static void
plan_candidates (IkErasePlan *plan,
                 const char  *data_dir)
{
  for (guint i = 0; plan->team_folder != NULL && i < plan->candidate_ids->len; i++)
    plan_team_folder (plan, g_ptr_array_index (plan->candidate_ids, i));
  plan_matches (plan, data_dir);
}

/**
 * ik_erase_plan_new:
 * @library: a loaded library
 * @team_folder: (nullable): the team folder, if one is set
 * @data_dir: the folder of `team-candidates.json` (the library's)
 * @name_or_id: a candidate id or name
 * @error: return location for an error
 *
 * Lists every file that holds the candidate, without changing anything.
 *
 * Returns: (transfer full) (nullable): the plan
 */
IkErasePlan *
ik_erase_plan_new (IkLibrary     *library,
                   IkTeamFolder  *team_folder,
                   const char    *data_dir,
                   const char    *name_or_id,
                   GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(IkErasePlan) plan = NULL;
  g_autoptr(GHashTable) session_ids = NULL;
  char *candidate_id;

  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (team_folder == NULL || IK_IS_TEAM_FOLDER (team_folder), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  records = collect_records (library);
  candidate_id = resolve_candidate (records, name_or_id, error);
  if (candidate_id == NULL)
    return NULL;

  plan = plan_new (library, team_folder);
  plan->candidate_id = candidate_id;
  g_ptr_array_add (plan->candidate_ids, g_strdup (candidate_id));
  session_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->candidate_id, candidate_id) == 0)
        g_hash_table_add (session_ids, record->session_id);
    }

  plan_library (plan, records, session_ids);
  plan_candidates (plan, data_dir);
  return g_steal_pointer (&plan);
}

/**
 * ik_erase_plan_new_for_sessions:
 * @library: a loaded library
 * @team_folder: (nullable): the team folder, if one is set
 * @data_dir: the folder of `team-candidates.json` (the library's)
 * @sessions: (element-type IkSession): sessions of @library
 * @error: return location for an error
 *
 * Lists the files of @sessions (with their trash and conflict copies).
 * When no other session of a candidate is left, the candidate's own
 * scorecard in the team folder and the answers about their ids go too, as
 * with ik_erase_plan_new(). Changes nothing.
 *
 * Returns: (transfer full) (nullable): the plan
 */
IkErasePlan *
ik_erase_plan_new_for_sessions (IkLibrary     *library,
                                IkTeamFolder  *team_folder,
                                const char    *data_dir,
                                GPtrArray     *sessions,
                                GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(IkErasePlan) plan = NULL;
  g_autoptr(GHashTable) session_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) candidates = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *all;

  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (team_folder == NULL || IK_IS_TEAM_FOLDER (team_folder), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (sessions != NULL, NULL);

  for (guint i = 0; i < sessions->len; i++)
    {
      IkSession *session = g_ptr_array_index (sessions, i);

      if (ik_library_find_session (library, ik_session_get_id (session)) != session)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The interview with %s is no longer in the library"),
                       ik_session_get_candidate_name (session));
          return NULL;
        }
      g_hash_table_add (session_ids, (gpointer) ik_session_get_id (session));
      if (ik_session_get_candidate_id (session)[0] != '\0')
        g_hash_table_add (candidates, (gpointer) ik_session_get_candidate_id (session));
    }

  /* A candidate keeps their team files while a session of theirs stays. */
  all = ik_library_get_sessions (library);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (all, i);

      if (!g_hash_table_contains (session_ids, ik_session_get_id (session)))
        g_hash_table_remove (candidates, ik_session_get_candidate_id (session));
    }

  records = collect_records (library);
  plan = plan_new (library, team_folder);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, candidates);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (plan->candidate_ids, g_strdup (key));
    g_ptr_array_sort (plan->candidate_ids, compare_strings);
  }
  plan_library (plan, records, session_ids);
  plan_candidates (plan, data_dir);
  return g_steal_pointer (&plan);
}

void
ik_erase_plan_free (IkErasePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->library);
  g_clear_object (&plan->team_folder);
  g_free (plan->candidate_id);
  g_clear_pointer (&plan->candidate_ids, g_ptr_array_unref);
  g_clear_pointer (&plan->deleted, g_ptr_array_unref);
  g_clear_pointer (&plan->paths, g_hash_table_unref);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_free (plan);
}

const char *
ik_erase_plan_get_candidate_id (IkErasePlan *plan)
{
  return plan->candidate_id;
}

guint
ik_erase_plan_get_n_items (IkErasePlan *plan)
{
  return plan->items->len;
}

const char *
ik_erase_plan_get_path (IkErasePlan *plan,
                        guint        index)
{
  g_return_val_if_fail (index < plan->items->len, NULL);
  return ((Item *) g_ptr_array_index (plan->items, index))->path;
}

const char *
ik_erase_plan_get_description (IkErasePlan *plan,
                               guint        index)
{
  g_return_val_if_fail (index < plan->items->len, NULL);
  return ((Item *) g_ptr_array_index (plan->items, index))->description;
}

static gboolean
set_errno_error (GError     **error,
                 const char  *path)
{
  int saved_errno = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not delete “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Any thread. */
static gboolean
unlink_file (IkErasePlan  *plan,
             const char   *path,
             GError      **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    return set_errno_error (error, path);
  g_ptr_array_add (plan->deleted, g_strdup (path));
  return TRUE;
}

/* Any thread: the copies of @id the library's trash holds (the removal
 * put one there). */
static gboolean
unlink_trash_copies (IkErasePlan  *plan,
                     const char   *id,
                     GError      **error)
{
  g_autoptr(GPtrArray) trash = ik_library_list_dir (plan->library->trash_dir, error);

  if (trash == NULL)
    return FALSE;
  for (guint i = 0; i < trash->len; i++)
    {
      g_autofree char *trash_id = trash_session_id (g_ptr_array_index (trash, i));
      g_autofree char *path = NULL;

      if (g_strcmp0 (trash_id, id) != 0)
        continue;
      path = g_build_filename (plan->library->trash_dir, g_ptr_array_index (trash, i), NULL);
      if (!unlink_file (plan, path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
rewrite_matches (IkErasePlan  *plan,
                 Item         *item,
                 GError      **error)
{
  g_autoptr(JsonObject) root = read_object (item->path);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (root == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Could not read “%s”"), item->path);
      return FALSE;
    }
  drop_answers (root, plan->candidate_ids);
  node = json_node_init_object (json_node_alloc (), root);
  data = ik_json_to_data (node, &len, error);
  return data != NULL && ik_file_store_write (item->path, data, len, error);
}

/* Main thread: the sessions leave the library (to its trash, which the
 * files step empties of them). */
static gboolean
remove_sessions (IkErasePlan  *plan,
                 GError      **error)
{
  for (guint i = 0; i < plan->items->len; i++)
    {
      Item *item = g_ptr_array_index (plan->items, i);

      if (item->kind == ITEM_SESSION && item->session != NULL &&
          ik_library_find_session (plan->library, ik_session_get_id (item->session)) == item->session &&
          !ik_library_remove_session (plan->library, item->session, error))
        return FALSE;
    }
  return TRUE;
}

/* Any thread: everything else, in the plan's order. Touches no object of
 * the library. */
static gboolean
delete_files (IkErasePlan  *plan,
              GError      **error)
{
  for (guint i = 0; i < plan->items->len; i++)
    {
      Item *item = g_ptr_array_index (plan->items, i);
      gboolean ok = TRUE;

      switch (item->kind)
        {
        case ITEM_SESSION:
          ok = unlink_file (plan, item->path, error);
          if (ok && item->session != NULL)
            ok = unlink_trash_copies (plan, ik_session_get_id (item->session), error);
          break;
        case ITEM_FILE:
          ok = unlink_file (plan, item->path, error);
          break;
        case ITEM_FOLDER:
          /* Only when empty: a colleague's file keeps it. */
          g_rmdir (item->path);
          break;
        case ITEM_MATCHES:
          ok = rewrite_matches (plan, item, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Main thread: what the library and the team folder showed of the files. */
static void
finish_execution (IkErasePlan *plan)
{
  GListStore *problems = plan->library->problems;

  /* A conflict copy was listed as a problem of the library. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (problems)); i > 0; i--)
    {
      g_autoptr(IkProblem) problem = g_list_model_get_item (G_LIST_MODEL (problems), i - 1);

      if (g_ptr_array_find_with_equal_func (plan->deleted, ik_problem_get_path (problem),
                                            g_str_equal, NULL))
        g_list_store_remove (problems, i - 1);
    }
  if (plan->team_folder != NULL)
    ik_team_folder_reload (plan->team_folder, NULL);
}

/**
 * ik_erase_plan_execute:
 * @plan: a plan
 * @error: return location for an error
 *
 * Deletes what the plan lists, in its order, and stops at the first
 * failure. Sessions leave the library's list. Blocks: the command line's;
 * windows use ik_erase_plan_execute_async().
 *
 * Returns: %TRUE when everything listed is gone
 */
gboolean
ik_erase_plan_execute (IkErasePlan  *plan,
                       GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (plan != NULL, FALSE);

  ok = remove_sessions (plan, error) && delete_files (plan, error);
  finish_execution (plan);
  return ok;
}

static void
execute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  IkErasePlan *plan = task_data;
  g_autoptr(GError) error = NULL;

  if (delete_files (plan, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * ik_erase_plan_execute_async:
 * @plan: a plan, which must live until @callback is called
 * @cancellable: (nullable): not used: an erasure that started finishes
 * @callback: called in the thread-default main context when done
 * @user_data: for @callback
 *
 * As ik_erase_plan_execute(): the sessions leave the library at once, the
 * files are deleted in a worker thread. Finish with
 * ik_erase_plan_execute_finish().
 */
void
ik_erase_plan_execute_async (IkErasePlan         *plan,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (plan != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ik_erase_plan_execute_async);
  g_task_set_task_data (task, plan, NULL);
  if (!remove_sessions (plan, &error))
    {
      finish_execution (plan);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, execute_thread);
}

/**
 * ik_erase_plan_execute_finish:
 * @plan: the plan
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE when everything listed is gone
 */
gboolean
ik_erase_plan_execute_finish (IkErasePlan   *plan,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  finish_execution (plan);
  return g_task_propagate_boolean (G_TASK (result), error);
}
