/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-merge.c: three-way merge of two versions of one document.
 *
 * When two programs changed one file, the store has three versions: the one
 * both started from (base, what this process last read or wrote), ours (in
 * memory) and theirs (on the disk). A member that only one side changed
 * takes that side's value; objects are merged member by member, arrays of
 * objects with unique "id" members by id (a question added on one side and
 * another question edited on the other both survive), other arrays of the
 * same length element by element (the records of a session). A member that
 * both sides changed to different values is a conflict: the caller keeps
 * both versions as whole files instead. Bookkeeping members that every edit
 * changes ("revision", "modified") take the larger value.
 */
#include "config.h"

#include "ik-merge.h"

#include <string.h>

typedef struct
{
  GString  *path;
  /* Resolve a conflict with our value, and say where the first one was. */
  gboolean  prefer_ours;
  char     *conflict;
  /* FALSE: the version both started from is not known at all, so a
   * member only one side has may be one the other side removed. */
  gboolean  have_base;
} MergeContext;

static gboolean merge_value (JsonNode     *base,
                             JsonNode     *ours,
                             JsonNode     *theirs,
                             MergeContext *ctx,
                             JsonNode    **out);

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonNode *
copy_or_null (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

/* The larger of two bookkeeping values, or NULL when they are not both
 * integers or both strings (ISO 8601 times in one offset sort as text). */
static JsonNode *
bookkeeping_max (const char *member,
                 JsonNode   *ours,
                 JsonNode   *theirs)
{
  if (ours == NULL || theirs == NULL ||
      JSON_NODE_TYPE (ours) != JSON_NODE_VALUE || JSON_NODE_TYPE (theirs) != JSON_NODE_VALUE ||
      json_node_get_value_type (ours) != json_node_get_value_type (theirs))
    return NULL;

  if (strcmp (member, "revision") == 0 && json_node_get_value_type (ours) == G_TYPE_INT64)
    return json_node_copy (json_node_get_int (ours) >= json_node_get_int (theirs) ? ours : theirs);
  if (strcmp (member, "modified") == 0 && json_node_get_value_type (ours) == G_TYPE_STRING)
    return json_node_copy (g_strcmp0 (json_node_get_string (ours), json_node_get_string (theirs)) >= 0 ? ours : theirs);
  return NULL;
}

static void
add_member_name (JsonObject  *object,
                 GPtrArray   *names,
                 GHashTable  *seen)
{
  g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (g_hash_table_add (seen, l->data))
      g_ptr_array_add (names, l->data);
}

static gboolean
merge_objects (JsonObject  *base,
               JsonObject  *ours,
               JsonObject  *theirs,
               MergeContext *ctx,
               JsonNode   **out)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) merged = json_object_new ();
  GString *path = ctx->path;
  gsize path_len = path->len;

  /* Our order first, then what only theirs has. */
  add_member_name (ours, names, seen);
  add_member_name (theirs, names, seen);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *b = base != NULL ? json_object_get_member (base, name) : NULL;
      JsonNode *o = json_object_get_member (ours, name);
      JsonNode *t = json_object_get_member (theirs, name);
      JsonNode *value = NULL;

      g_string_append_printf (path, path_len > 0 ? ".%s" : "%s", name);
      /* Changed on both sides: a bookkeeping member takes the larger. */
      if (o != NULL && t != NULL && !nodes_equal (o, t) &&
          (b == NULL || (!nodes_equal (b, o) && !nodes_equal (b, t))))
        value = bookkeeping_max (name, o, t);
      if (value == NULL && !merge_value (b, o, t, ctx, &value))
        return FALSE;
      g_string_truncate (path, path_len);
      if (value != NULL)
        json_object_set_member (merged, name, value);
    }

  *out = json_node_init_object (json_node_alloc (), merged);
  return TRUE;
}

static const char *
element_id (JsonNode *node)
{
  JsonObject *object;
  JsonNode *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  id = json_object_get_member (object, "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (id);
}

/* Maps id -> element when every element is an object with a unique string
 * id; else NULL. */
static GHashTable *
index_by_id (JsonArray *array)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id = element_id (element);

      if (id == NULL || !g_hash_table_insert (index, (gpointer) id, element))
        return NULL;
    }
  return g_steal_pointer (&index);
}

static gboolean
merge_arrays_by_id (JsonArray  *base,
                    JsonArray  *ours,
                    JsonArray  *theirs,
                    MergeContext *ctx,
                    JsonNode  **out)
{
  g_autoptr(GHashTable) base_index = index_by_id (base);
  g_autoptr(GHashTable) our_index = index_by_id (ours);
  g_autoptr(GHashTable) their_index = index_by_id (theirs);
  g_autoptr(JsonArray) merged = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *path = ctx->path;
  gsize path_len = path->len;

  if (base_index == NULL || our_index == NULL || their_index == NULL)
    return FALSE;

  /* Our order decides; what only theirs added goes at the end. */
  for (guint i = 0; i < json_array_get_length (ours); i++)
    g_ptr_array_add (order, (gpointer) element_id (json_array_get_element (ours, i)));
  for (guint i = 0; i < json_array_get_length (theirs); i++)
    {
      const char *id = element_id (json_array_get_element (theirs, i));

      if (!g_hash_table_contains (our_index, id) && !g_hash_table_contains (base_index, id))
        g_ptr_array_add (order, (gpointer) id);
    }

  merged = json_array_new ();
  for (guint i = 0; i < order->len; i++)
    {
      const char *id = g_ptr_array_index (order, i);
      JsonNode *value = NULL;

      if (!g_hash_table_add (seen, (gpointer) id))
        continue;
      g_string_append_printf (path, "[%s]", id);
      if (!merge_value (g_hash_table_lookup (base_index, id),
                        g_hash_table_lookup (our_index, id),
                        g_hash_table_lookup (their_index, id),
                        ctx, &value))
        return FALSE;
      g_string_truncate (path, path_len);
      if (value != NULL)
        json_array_add_element (merged, value);
    }

  /* What ours deleted may only go if theirs left it as it was. */
  for (guint i = 0; base != NULL && i < json_array_get_length (base); i++)
    {
      JsonNode *element = json_array_get_element (base, i);
      const char *id = element_id (element);
      JsonNode *value = NULL;

      if (g_hash_table_contains (seen, id))
        continue;
      g_string_append_printf (path, "[%s]", id);
      if (!merge_value (element, NULL, g_hash_table_lookup (their_index, id), ctx, &value))
        return FALSE;
      g_string_truncate (path, path_len);
      if (value != NULL)
        {
          json_node_unref (value);
          return FALSE;
        }
    }

  *out = json_node_init_array (json_node_alloc (), merged);
  return TRUE;
}

static gboolean
merge_arrays (JsonArray  *base,
              JsonArray  *ours,
              JsonArray  *theirs,
              MergeContext *ctx,
              JsonNode  **out)
{
  g_autoptr(JsonArray) merged = NULL;
  GString *path = ctx->path;
  gsize path_len = path->len;
  guint n;

  if (merge_arrays_by_id (base, ours, theirs, ctx, out))
    return TRUE;
  g_string_truncate (path, path_len);

  n = json_array_get_length (ours);
  if (base == NULL || json_array_get_length (base) != n || json_array_get_length (theirs) != n)
    return FALSE;

  merged = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *value = NULL;

      g_string_append_printf (path, "[%u]", i);
      if (!merge_value (json_array_get_element (base, i),
                        json_array_get_element (ours, i),
                        json_array_get_element (theirs, i),
                        ctx, &value))
        return FALSE;
      g_string_truncate (path, path_len);
      if (value == NULL)
        return FALSE;
      json_array_add_element (merged, value);
    }
  *out = json_node_init_array (json_node_alloc (), merged);
  return TRUE;
}

/* *out is the merged value, or NULL for "absent". FALSE: a conflict at
 * @path. */
static gboolean
merge_value (JsonNode  *base,
             JsonNode  *ours,
             JsonNode  *theirs,
             MergeContext *ctx,
             JsonNode **out)
{
  *out = NULL;

  if (nodes_equal (ours, theirs))
    {
      *out = copy_or_null (ours);
      return TRUE;
    }
  if (base != NULL && nodes_equal (base, ours))
    {
      *out = copy_or_null (theirs);
      return TRUE;
    }
  if (base != NULL && nodes_equal (base, theirs))
    {
      *out = copy_or_null (ours);
      return TRUE;
    }
  /* Added on one side only (the base, known, does not have it). */
  if (base == NULL && ctx->have_base && (ours == NULL || theirs == NULL))
    {
      *out = copy_or_null (ours != NULL ? ours : theirs);
      return TRUE;
    }

  if (ours != NULL && theirs != NULL)
    {
      gsize path_len = ctx->path->len;

      if (JSON_NODE_HOLDS_OBJECT (ours) && JSON_NODE_HOLDS_OBJECT (theirs) &&
          merge_objects (base != NULL && JSON_NODE_HOLDS_OBJECT (base) ? json_node_get_object (base) : NULL,
                         json_node_get_object (ours), json_node_get_object (theirs), ctx, out))
        return TRUE;
      if (JSON_NODE_HOLDS_ARRAY (ours) && JSON_NODE_HOLDS_ARRAY (theirs) &&
          merge_arrays (base != NULL && JSON_NODE_HOLDS_ARRAY (base) ? json_node_get_array (base) : NULL,
                        json_node_get_array (ours), json_node_get_array (theirs), ctx, out))
        return TRUE;
      if (!ctx->prefer_ours)
        return FALSE;
      g_string_truncate (ctx->path, path_len);
    }
  else if (!ctx->prefer_ours)
    return FALSE;

  /* Both changed it, differently: ours, and the caller keeps theirs. */
  if (ctx->conflict == NULL)
    ctx->conflict = g_strdup (ctx->path->str);
  *out = copy_or_null (ours);
  return TRUE;
}

/**
 * ik_json_merge3:
 * @base: (nullable): the version both sides started from; without it only
 *   members on which both agree, or that only one side has, merge
 * @ours: our version
 * @theirs: the other program's version
 * @prefer_ours: resolve a member both sides changed differently with our
 *   value instead of failing
 * @conflict_path: (out) (optional) (nullable): where the first member both
 *   sides changed differently is ("records[2].notes"), or %NULL
 *
 * Returns: (transfer full) (nullable): the merged document; %NULL when
 *   both sides changed the same member differently and not @prefer_ours
 */
JsonNode *
ik_json_merge3 (JsonNode  *base,
                JsonNode  *ours,
                JsonNode  *theirs,
                gboolean   prefer_ours,
                char     **conflict_path)
{
  g_autoptr(GString) path = g_string_new (NULL);
  MergeContext ctx = { path, prefer_ours, NULL, base != NULL };
  JsonNode *merged = NULL;
  gboolean ok;

  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);

  ok = merge_value (base, ours, theirs, &ctx, &merged) && merged != NULL;
  if (conflict_path != NULL)
    *conflict_path = ctx.conflict != NULL || !ok ? g_strdup (ctx.conflict != NULL ? ctx.conflict : path->str) : NULL;
  g_free (ctx.conflict);
  if (!ok)
    {
      g_clear_pointer (&merged, json_node_unref);
      return NULL;
    }
  return merged;
}
