/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-candidate-match.c: one candidate under two ids, matched only when the
 * user says so (ik-candidate-match.h). */
#include "config.h"

#include "ik-candidate-match.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ik-file-store.h"
#include "ik-json.h"
#include "ik-limits.h"
#include "ik-team-scorecard.h"

/* A bigger file is not ours. */
#define MAX_PAIRS IK_LIMIT_CANDIDATE_MATCHES

struct _IkCandidateMatches
{
  GObject     parent_instance;

  char       *path;
  GPtrArray  *same;        /* GStrv pairs */
  GPtrArray  *different;   /* GStrv pairs */
  GHashTable *roots;       /* id -> smallest id of its group */
  JsonObject *unknown;     /* members a later version wrote: kept */
  /* The file as last read or written, so that a save never overwrites
   * another writer's answers (ik_file_store_save_merging()). */
  IkFileState file;
};

G_DEFINE_FINAL_TYPE (IkCandidateMatches, ik_candidate_matches, G_TYPE_OBJECT)

void
ik_candidate_match_free (IkCandidateMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->name);
  g_free (match->role);
  g_strfreev (match->candidate_ids);
  g_free (match);
}

static void
ik_candidate_matches_finalize (GObject *object)
{
  IkCandidateMatches *self = IK_CANDIDATE_MATCHES (object);

  g_free (self->path);
  g_ptr_array_unref (self->same);
  g_ptr_array_unref (self->different);
  g_hash_table_unref (self->roots);
  g_clear_pointer (&self->unknown, json_object_unref);
  ik_file_state_clear (&self->file);

  G_OBJECT_CLASS (ik_candidate_matches_parent_class)->finalize (object);
}

static void
ik_candidate_matches_class_init (IkCandidateMatchesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ik_candidate_matches_finalize;
}

static void
ik_candidate_matches_init (IkCandidateMatches *self)
{
  self->same = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->different = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->roots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unknown = json_object_new ();
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static const char *
find_root (GHashTable *roots,
           const char *id)
{
  const char *root = id;
  const char *next;

  /* Every root is the smallest id of its group and maps to itself, or is
   * absent: chains are at most a few links long. */
  while ((next = g_hash_table_lookup (roots, root)) != NULL && g_strcmp0 (next, root) != 0)
    root = next;
  return root;
}

/* Union-find over the "same" pairs; the smaller id becomes the root. */
static void
rebuild_roots (IkCandidateMatches *self)
{
  g_hash_table_remove_all (self->roots);
  for (guint i = 0; i < self->same->len; i++)
    {
      GStrv pair = g_ptr_array_index (self->same, i);
      g_autofree char *a = g_strdup (find_root (self->roots, pair[0]));
      g_autofree char *b = g_strdup (find_root (self->roots, pair[1]));
      int order = strcmp (a, b);

      if (order == 0)
        continue;
      if (order < 0)
        {
          g_hash_table_replace (self->roots, g_strdup (b), g_strdup (a));
          if (!g_hash_table_contains (self->roots, a))
            g_hash_table_insert (self->roots, g_strdup (a), g_strdup (a));
        }
      else
        {
          g_hash_table_replace (self->roots, g_strdup (a), g_strdup (b));
          if (!g_hash_table_contains (self->roots, b))
            g_hash_table_insert (self->roots, g_strdup (b), g_strdup (b));
        }
    }
}

static gboolean
read_pairs (JsonObject  *o,
            const char  *member,
            GPtrArray   *pairs,
            GError     **error)
{
  JsonArray *array = NULL;

  if (!ik_json_get_array (o, member, FALSE, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  if (json_array_get_length (array) > MAX_PAIRS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   ngettext ("More than %d answer about matching candidates",
                             "More than %d answers about matching candidates", MAX_PAIRS),
                   MAX_PAIRS);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonArray *pair;
      const char *a;
      const char *b;

      if (!JSON_NODE_HOLDS_ARRAY (node)
          || json_array_get_length (pair = json_node_get_array (node)) != 2
          || json_node_get_value_type (json_array_get_element (pair, 0)) != G_TYPE_STRING
          || json_node_get_value_type (json_array_get_element (pair, 1)) != G_TYPE_STRING
          || !ik_id_is_valid (a = json_array_get_string_element (pair, 0))
          || !ik_id_is_valid (b = json_array_get_string_element (pair, 1)))
        {
          g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                       _("“%s” entry %u is not a pair of candidate ids"), member, i + 1);
          return FALSE;
        }
      g_ptr_array_add (pairs, g_strdupv ((char *[]) { (char *) a, (char *) b, NULL }));
    }
  return TRUE;
}

static gboolean
pair_listed (GPtrArray  *pairs,
             const char *a,
             const char *b);

/* Reads the answers of @data into @self: pairs not yet there are added
 * (answers only accumulate), members this version does not know are kept. */
static gboolean
parse_into (IkCandidateMatches  *self,
            const char          *data,
            gsize                length,
            GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) same = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) different = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *format = NULL;
  guint line = 0, column = 0;
  gint64 version = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonObject *o;

  root = ik_json_parse (data, length, &line, &column, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                   _("This is not a list of matched candidates (format “%s”)"), "");
      return FALSE;
    }
  o = json_node_get_object (root);
  if (!ik_json_get_string (o, "format", TRUE, &format, error))
    return FALSE;
  if (g_strcmp0 (format, IK_CANDIDATE_MATCHES_FORMAT) != 0)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_FORMAT,
                   _("This is not a list of matched candidates (format “%s”)"), format);
      return FALSE;
    }
  if (!ik_json_get_int (o, "version", TRUE, 1, G_MAXINT32, &version, error))
    return FALSE;
  if (version > 1)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_NEWER_VERSION,
                   _("The matched candidates were saved by a newer version of Interview Kit"));
      return FALSE;
    }
  if (!read_pairs (o, "same", same, error) || !read_pairs (o, "different", different, error))
    return FALSE;

  for (guint i = 0; i < same->len; i++)
    {
      GStrv pair = g_ptr_array_index (same, i);

      if (!pair_listed (self->same, pair[0], pair[1]))
        g_ptr_array_add (self->same, g_strdupv (pair));
    }
  for (guint i = 0; i < different->len; i++)
    {
      GStrv pair = g_ptr_array_index (different, i);

      if (!pair_listed (self->different, pair[0], pair[1]))
        g_ptr_array_add (self->different, g_strdupv (pair));
    }
  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, &node))
    if (g_strcmp0 (name, "format") != 0 && g_strcmp0 (name, "version") != 0
        && g_strcmp0 (name, "same") != 0 && g_strcmp0 (name, "different") != 0)
      json_object_set_member (self->unknown, name, json_node_copy (node));
  rebuild_roots (self);
  return TRUE;
}

/**
 * ik_candidate_matches_new:
 * @path: the file holding this interviewer's answers
 * @error: return location for an error
 *
 * Reads the answers. A missing file is no answers yet; a file that cannot
 * be read is an error, and is never overwritten by this object. Members a
 * later version added are written back unchanged.
 *
 * Returns: (transfer full) (nullable): the answers, or %NULL with @error set
 */
IkCandidateMatches *
ik_candidate_matches_new (const char  *path,
                          GError     **error)
{
  g_autoptr(IkCandidateMatches) self = NULL;
  gconstpointer data;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (IK_TYPE_CANDIDATE_MATCHES, NULL);
  self->path = g_strdup (path);

  if (!ik_file_store_load_state (path, IK_LIMIT_FILE_SIZE, &self->file, error))
    return NULL;
  if (!self->file.exists)
    return g_steal_pointer (&self);
  data = g_bytes_get_data (self->file.bytes, &length);
  if (!parse_into (self, data, length, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
add_pairs (JsonBuilder *b,
           const char  *member,
           GPtrArray   *pairs)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < pairs->len; i++)
    {
      GStrv pair = g_ptr_array_index (pairs, i);

      json_builder_begin_array (b);
      json_builder_add_string_value (b, pair[0]);
      json_builder_add_string_value (b, pair[1]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static char *
to_data (gpointer   data,
         gsize     *length,
         GError   **error)
{
  IkCandidateMatches *self = data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, IK_CANDIDATE_MATCHES_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  add_pairs (b, "same", self->same);
  add_pairs (b, "different", self->different);
  json_object_iter_init (&iter, self->unknown);
  while (json_object_iter_next (&iter, &name, &node))
    {
      json_builder_set_member_name (b, name);
      json_builder_add_value (b, json_node_copy (node));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return ik_json_to_data (root, length, error);
}

static gboolean
merge_current (gpointer   data,
               GBytes    *current,
               GError   **error)
{
  gsize length = 0;
  gconstpointer bytes;

  if (current == NULL)
    return TRUE;
  bytes = g_bytes_get_data (current, &length);
  return parse_into (data, bytes, length, error);
}

/* Writes the answers over the file as it was last read or written. If
 * another writer changed it since (a second window, a synced data folder),
 * its answers are merged in and the save is tried again: an answer is
 * never lost, and a file that is not ours is never overwritten. */
static gboolean
save (IkCandidateMatches  *self,
      GError             **error)
{
  return ik_file_store_save_merging (self->path, IK_LIMIT_FILE_SIZE, &self->file,
                                     to_data, merge_current, self, error);
}

static gboolean
pair_listed (GPtrArray  *pairs,
             const char *a,
             const char *b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      GStrv pair = g_ptr_array_index (pairs, i);

      if ((g_str_equal (pair[0], a) && g_str_equal (pair[1], b))
          || (g_str_equal (pair[0], b) && g_str_equal (pair[1], a)))
        return TRUE;
    }
  return FALSE;
}

/**
 * ik_candidate_matches_confirm:
 * @candidate_id: one id
 * @other_id: another
 * @same: whether the user says they are one candidate
 * @error: return location for an error
 *
 * Records the user's answer and saves it. Nothing is changed in memory if
 * it cannot be saved.
 *
 * Returns: whether the answer was saved
 */
gboolean
ik_candidate_matches_confirm (IkCandidateMatches  *self,
                              const char          *candidate_id,
                              const char          *other_id,
                              gboolean             same,
                              GError             **error)
{
  GPtrArray *pairs;
  GStrv answer;

  g_return_val_if_fail (IK_IS_CANDIDATE_MATCHES (self), FALSE);
  g_return_val_if_fail (ik_id_is_valid (candidate_id) && ik_id_is_valid (other_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pairs = same ? self->same : self->different;
  if (g_str_equal (candidate_id, other_id) || pair_listed (pairs, candidate_id, other_id))
    return TRUE;
  if (pairs->len >= MAX_PAIRS)
    {
      g_set_error (error, IK_JSON_ERROR, IK_JSON_ERROR_TOO_LARGE,
                   ngettext ("More than %d answer about matching candidates",
                             "More than %d answers about matching candidates", MAX_PAIRS),
                   MAX_PAIRS);
      return FALSE;
    }

  answer = g_strdupv ((char *[]) { (char *) candidate_id, (char *) other_id, NULL });
  g_ptr_array_add (pairs, answer);
  if (!save (self, error))
    {
      /* A merge before the failure may have added others' answers after
       * ours: take out ours only. */
      g_ptr_array_remove (pairs, answer);
      rebuild_roots (self);
      return FALSE;
    }
  g_debug ("Candidates %s and %s marked as %s", candidate_id, other_id, same ? "the same" : "different");
  rebuild_roots (self);
  return TRUE;
}

/**
 * ik_candidate_matches_resolve:
 * @candidate_id: a candidate id
 *
 * Returns: the id its group is shown under (the smallest id of the group;
 *   @candidate_id itself when it was never matched)
 */
const char *
ik_candidate_matches_resolve (IkCandidateMatches *self,
                              const char         *candidate_id)
{
  g_return_val_if_fail (IK_IS_CANDIDATE_MATCHES (self), candidate_id);
  g_return_val_if_fail (candidate_id != NULL, NULL);

  return find_root (self->roots, candidate_id);
}

/**
 * ik_candidate_matches_get_group:
 * @candidate_id: a candidate id
 *
 * Returns: (transfer full): every id of @candidate_id's group, sorted (just
 *   @candidate_id when it was never matched)
 */
GStrv
ik_candidate_matches_get_group (IkCandidateMatches *self,
                                const char         *candidate_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char *root;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (IK_IS_CANDIDATE_MATCHES (self), NULL);
  g_return_val_if_fail (candidate_id != NULL, NULL);

  root = find_root (self->roots, candidate_id);
  if (!g_hash_table_contains (self->roots, root))
    g_ptr_array_add (ids, (gpointer) candidate_id);
  g_hash_table_iter_init (&iter, self->roots);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_equal (find_root (self->roots, key), root))
      g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (ids, i));
  return g_strv_builder_end (builder);
}

/**
 * ik_candidate_matches_is_answered:
 *
 * Returns: whether the user already said @candidate_id and @other_id are
 *   the same candidate (directly or through others) or different ones
 */
gboolean
ik_candidate_matches_is_answered (IkCandidateMatches *self,
                                  const char         *candidate_id,
                                  const char         *other_id)
{
  g_return_val_if_fail (IK_IS_CANDIDATE_MATCHES (self), FALSE);

  return g_str_equal (find_root (self->roots, candidate_id), find_root (self->roots, other_id))
         || pair_listed (self->different, candidate_id, other_id);
}

/* Name and role without case and with runs of white space as one space. */
static char *
match_key (IkTeamScorecard *scorecard)
{
  g_autofree char *joined = g_strconcat (ik_team_scorecard_get_candidate_name (scorecard), "\n",
                                         ik_team_scorecard_get_role (scorecard), NULL);
  g_autofree char *folded = g_utf8_casefold (joined, -1);
  g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = normal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          g_string_append_c (key, '\n');
          space = FALSE;
        }
      else if (g_unichar_isspace (c))
        space = key->len > 0 && key->str[key->len - 1] != '\n';
      else
        {
          if (space)
            g_string_append_c (key, ' ');
          space = FALSE;
          g_string_append_unichar (key, c);
        }
    }
  return g_string_free (key, FALSE);
}

typedef struct
{
  char      *name;
  char      *role;
  GPtrArray *ids;   /* resolved ids, owned */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->name);
  g_free (group->role);
  g_ptr_array_unref (group->ids);
  g_free (group);
}

static gboolean
strv_contains_ptr (GPtrArray  *ids,
                   const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return TRUE;
  return FALSE;
}

/**
 * ik_candidate_find_matches:
 * @team_scorecards: (element-type IkTeamScorecard): the team folder's
 * @matches: (nullable): the answers given so far
 *
 * Returns: (transfer full) (element-type IkCandidateMatch): the ids that
 *   may be one candidate and that the user has not answered about, in the
 *   order their names first appear
 */
GPtrArray *
ik_candidate_find_matches (GListModel         *team_scorecards,
                           IkCandidateMatches *matches)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (group_free);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) ik_candidate_match_free);

  g_return_val_if_fail (G_IS_LIST_MODEL (team_scorecards), found);

  for (guint i = 0; i < g_list_model_get_n_items (team_scorecards); i++)
    {
      g_autoptr(IkTeamScorecard) scorecard = g_list_model_get_item (team_scorecards, i);
      g_autofree char *key = NULL;
      const char *id;
      Group *group;

      if (ik_team_scorecard_get_signature_state (scorecard) != IK_SIGNATURE_VALID
          || ik_team_scorecard_get_candidate_name (scorecard)[0] == '\0')
        continue;
      id = ik_team_scorecard_get_candidate_id (scorecard);
      if (matches != NULL)
        id = ik_candidate_matches_resolve (matches, id);
      key = match_key (scorecard);
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->name = g_strdup (ik_team_scorecard_get_candidate_name (scorecard));
          group->role = g_strdup (ik_team_scorecard_get_role (scorecard));
          group->ids = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
          g_ptr_array_add (order, group);
        }
      if (!strv_contains_ptr (group->ids, id))
        g_ptr_array_add (group->ids, g_strdup (id));
    }

  for (guint i = 0; i < order->len; i++)
    {
      Group *group = g_ptr_array_index (order, i);
      g_autoptr(GPtrArray) open = g_ptr_array_new ();

      /* Every id that has at least one unanswered partner. */
      for (guint a = 0; a < group->ids->len; a++)
        for (guint b = 0; b < group->ids->len; b++)
          {
            const char *id_a = g_ptr_array_index (group->ids, a);
            const char *id_b = g_ptr_array_index (group->ids, b);

            if (a != b && (matches == NULL || !ik_candidate_matches_is_answered (matches, id_a, id_b)))
              {
                if (!strv_contains_ptr (open, id_a))
                  g_ptr_array_add (open, (gpointer) id_a);
                break;
              }
          }
      if (open->len >= 2)
        {
          IkCandidateMatch *match = g_new0 (IkCandidateMatch, 1);

          g_ptr_array_sort (open, compare_ids);
          g_ptr_array_add (open, NULL);
          match->name = g_strdup (group->name);
          match->role = g_strdup (group->role);
          match->candidate_ids = g_strdupv ((char **) open->pdata);
          g_ptr_array_add (found, match);
        }
    }
  return found;
}
