/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-update.c: helpers of the model's *_update_from functions.
 *
 * They are used when an object is updated in place from a freshly read copy of its
 * file: views are bound to the items of its lists (a question editor to an
 * IkQuestion, the live view to an IkQuestionRecord), so every item that is
 * still there must stay the same object. Items are matched by key from
 * both ends and updated in place; only the part in between is spliced, and
 * there an old item with the key of a new one is reused (moved) rather
 * than replaced.
 */
#include "config.h"

#include "ik-update.h"

#include "ik-util.h"

static gboolean
keys_equal (IkListKeyFunc get_key,
            gpointer      a,
            gpointer      b)
{
  return get_key == NULL || g_strcmp0 (get_key (a), get_key (b)) == 0;
}

static GPtrArray *
list_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/**
 * ik_list_store_update_from:
 * @store: the list to update
 * @source: the list it should hold, of the same item type
 * @get_key: (nullable): what items are matched by; %NULL matches by
 *   position
 * @update: makes an item of @store hold what the matching item of
 *   @source holds
 * @on_removed: (nullable): called for each item about to leave @store
 * @on_added: (nullable): called for each item about to enter @store,
 *   including old items that only move
 * @user_data: for @on_removed and @on_added
 *
 * Afterwards @store holds, in order, as many items as @source, each equal
 * to the one of @source at the same place: the old item where the keys
 * match (updated), else the item of @source itself (which then belongs to
 * both lists; the caller empties @source). Emits items-changed only when
 * the order of keys differs, once.
 *
 * Returns: whether @store or any of its items changed
 */
gboolean
ik_list_store_update_from (GListStore       *store,
                           GListModel       *source,
                           IkListKeyFunc     get_key,
                           IkListUpdateFunc  update,
                           IkListItemFunc    on_removed,
                           IkListItemFunc    on_added,
                           gpointer          user_data)
{
  g_autoptr(GPtrArray) old = list_items (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) new = list_items (source);
  g_autoptr(GPtrArray) additions = NULL;
  g_autofree gboolean *reused = NULL;
  gboolean changed = FALSE;
  guint n_common = MIN (old->len, new->len);
  guint prefix = 0;
  guint suffix = 0;
  guint n_removed;
  guint n_added;

  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (source), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);

  while (prefix < n_common
         && keys_equal (get_key, old->pdata[prefix], new->pdata[prefix]))
    prefix++;
  while (suffix < n_common - prefix
         && keys_equal (get_key, old->pdata[old->len - 1 - suffix],
                        new->pdata[new->len - 1 - suffix]))
    suffix++;

  for (guint i = 0; i < prefix; i++)
    changed |= update (old->pdata[i], new->pdata[i]);
  for (guint j = 0; j < suffix; j++)
    changed |= update (old->pdata[old->len - 1 - j], new->pdata[new->len - 1 - j]);

  n_removed = old->len - prefix - suffix;
  n_added = new->len - prefix - suffix;
  if (n_removed == 0 && n_added == 0)
    return changed;

  /* The part in between: an old item with the key of a new one moves
   * there, so that whoever holds it keeps a live object. */
  additions = g_ptr_array_new_full (n_added, g_object_unref);
  reused = g_new0 (gboolean, MAX (n_removed, 1));
  for (guint i = 0; i < n_added; i++)
    {
      gpointer item = new->pdata[prefix + i];

      for (guint k = 0; get_key != NULL && k < n_removed; k++)
        {
          gpointer candidate = old->pdata[prefix + k];

          if (!reused[k] && keys_equal (get_key, candidate, item))
            {
              reused[k] = TRUE;
              update (candidate, item);
              item = candidate;
              break;
            }
        }
      g_ptr_array_add (additions, g_object_ref (item));
    }

  for (guint k = 0; on_removed != NULL && k < n_removed; k++)
    on_removed (old->pdata[prefix + k], user_data);
  for (guint i = 0; on_added != NULL && i < n_added; i++)
    on_added (additions->pdata[i], user_data);
  g_list_store_splice (store, prefix, n_removed, additions->pdata, additions->len);

  return TRUE;
}

static gboolean
unknown_is_empty (JsonObject *unknown)
{
  return unknown == NULL || json_object_get_size (unknown) == 0;
}

/**
 * ik_json_take_unknown:
 * @unknown: (inout): an object's unknown members, or %NULL
 * @source: (nullable): the unknown members of its fresh copy
 *
 * Makes *@unknown share @source's members (they are never modified once
 * read), so they are written back as the file has them now.
 *
 * Returns: whether the members differ
 */
gboolean
ik_json_take_unknown (JsonObject **unknown,
                      JsonObject  *source)
{
  gboolean changed;

  if (unknown_is_empty (*unknown) || unknown_is_empty (source))
    changed = !unknown_is_empty (*unknown) || !unknown_is_empty (source);
  else
    changed = !json_object_equal (*unknown, source);

  if (*unknown != source)
    {
      g_clear_pointer (unknown, json_object_unref);
      *unknown = source != NULL ? json_object_ref (source) : NULL;
    }
  return changed;
}

/**
 * ik_update_string:
 * @object: the object owning @field
 * @field: (inout): a string field of @object
 * @value: (nullable): the value of its fresh copy
 * @pspec: the property to notify when it changes
 *
 * Returns: whether the value changed
 */
gboolean
ik_update_string (GObject     *object,
                  char       **field,
                  const char  *value,
                  GParamSpec  *pspec)
{
  if (!ik_set_string (field, value))
    return FALSE;

  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/**
 * ik_update_time:
 * @object: the object owning @field
 * @field: (inout): a time field of @object (nullable)
 * @value: (nullable): the value of its fresh copy
 * @pspec: the property to notify when it changes
 *
 * Returns: whether the value changed
 */
gboolean
ik_update_time (GObject    *object,
                GDateTime **field,
                GDateTime  *value,
                GParamSpec *pspec)
{
  if (*field == value
      || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (object, pspec);
  return TRUE;
}

/**
 * ik_list_store_detach_all:
 * @store: the children of a fresh copy, some of which were moved into the
 *   object it updated
 * @handler: the copy's listener to their changes (see ik-listeners.h)
 * @data: the copy
 *
 * Disconnects the copy from its children and empties @store, so that the
 * children now owned by the object updated no longer reach the copy.
 */
void
ik_list_store_detach_all (GListStore    *store,
                          IkChangedFunc  handler,
                          gpointer       data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      ik_listeners_remove (item, handler, data);
    }
  g_list_store_remove_all (store);
}
