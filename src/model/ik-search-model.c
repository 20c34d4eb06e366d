/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-search-model.c: every question of every bank as one GListModel, for
 * the search of the question browser. It follows both levels of
 * items-changed and keeps a flat index of every question, so that finding
 * item i (which a filter does for every item on every keystroke) takes
 * constant time instead of a walk over the banks.
 *
 * It also keeps the folded text that matching compares for every question,
 * one after the other in blocks of memory in the order of the list. A pass
 * over the matches of a query then reads memory forwards instead of
 * following each question to its own text: at 100,000 questions (54 MB of
 * text) a pass over every question took 23 ms through the questions and 7
 * ms through the blocks. Blocks of a fixed size, not one buffer grown by
 * realloc: on the development machine the first pass over a 54 MB buffer
 * grown that way took 57 ms, later ones 2.5 ms, while blocks took 2.7 ms
 * from the first. A bank's texts are refolded, when next matched, after
 * any change of the bank (its "changed" covers every edit of its
 * questions); the space of replaced texts is reclaimed by
 * ik_search_model_warm(). */
#include "config.h"

#include "ik-search-model.h"

#include <string.h>

#include "ik-search-private.h"

/* ---- Every question of every bank, as one list -------------------------- */

/* The size of a block of texts; a longer text gets a block of its own. */
#define TEXT_BLOCK_SIZE (1024 * 1024)

typedef struct
{
  IkSearchModel *model;
  IkBank        *bank;
  GListModel    *questions;
  GPtrArray     *mirror;    /* the questions as last announced */
  gulong         handler;
  gulong         bank_handler;
} BankEntry;

struct _IkSearchModel
{
  GObject     parent_instance;

  GListModel *banks;
  GPtrArray  *entries;      /* BankEntry, in the order of banks */
  GPtrArray  *flat;         /* every question (unowned: the mirrors own
                             * them), in the order of the list */
  GHashTable *bank_of;      /* IkQuestion → IkBank (unowned) */
  gulong      banks_handler;
  GPtrArray  *text_at;      /* per item of flat: its folded text, in
                             * one of blocks, or NULL until folded */
  GPtrArray  *blocks;       /* owned memory the texts are in */
  char       *block_next;   /* free space in the last block */
  gsize       block_free;
  gsize       used_bytes;   /* of blocks, taken by texts */
  gsize       live_bytes;   /* of those, the ones text_at points to */
  GString    *scratch;      /* where a text is folded */
};

static GType
ik_search_model_get_item_type (GListModel *list)
{
  return IK_TYPE_QUESTION;
}

static guint
ik_search_model_get_n_items (GListModel *list)
{
  return IK_SEARCH_MODEL (list)->flat->len;
}

static gpointer
ik_search_model_get_item (GListModel *list,
                          guint       position)
{
  IkSearchModel *self = IK_SEARCH_MODEL (list);

  if (position >= self->flat->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->flat, position));
}

/* Every item without a reference, valid until the model changes: the
 * passes and item lookups of IkSearchResults (ik-search-private.h). */
IkQuestion **
ik_search_model_peek_items_unchecked (IkSearchModel *self,
                                      guint         *n_items)
{
  *n_items = self->flat->len;
  return (IkQuestion **) self->flat->pdata;
}

static void
ik_search_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ik_search_model_get_item_type;
  iface->get_n_items = ik_search_model_get_n_items;
  iface->get_item = ik_search_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (IkSearchModel, ik_search_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ik_search_model_list_model_init))

static guint
entry_offset (IkSearchModel *self,
              BankEntry     *entry)
{
  guint offset = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      BankEntry *other = g_ptr_array_index (self->entries, i);

      if (other == entry)
        break;
      offset += other->mirror->len;
    }
  return offset;
}

static void
forget_text (IkSearchModel *self,
             guint          position)
{
  char **text = (char **) &g_ptr_array_index (self->text_at, position);

  if (*text != NULL)
    {
      self->live_bytes -= strlen (*text) + 1;
      *text = NULL;
    }
}

/* Replaces @removed pointers of @array at @position with @n_added from
 * @added (NULLs when @added is NULL), moving the tail once. */
static void
splice_pointers (GPtrArray *array,
                 guint      position,
                 guint      removed,
                 gpointer  *added,
                 guint      n_added)
{
  guint old_len = array->len;
  guint tail = old_len - position - removed;

  if (n_added > removed)
    g_ptr_array_set_size (array, old_len - removed + n_added);
  /* Not with an empty tail: pdata may be NULL, and memmove (NULL, …, 0)
   * is undefined (UBSan). */
  if (tail > 0)
    memmove (array->pdata + position + n_added, array->pdata + position + removed, tail * sizeof (gpointer));
  if (n_added > 0)
    {
      if (added != NULL)
        memcpy (array->pdata + position, added, n_added * sizeof (gpointer));
      else
        memset (array->pdata + position, 0, n_added * sizeof (gpointer));
    }
  if (n_added < removed)
    g_ptr_array_set_size (array, old_len - removed + n_added);
}

/* Replaces @removed items of the flat index at @position with @n_added
 * items from @added, whose texts are not folded yet. */
static void
flat_splice (IkSearchModel *self,
             guint          position,
             guint          removed,
             gpointer      *added,
             guint          n_added)
{
  for (guint i = 0; i < removed; i++)
    forget_text (self, position + i);
  splice_pointers (self->text_at, position, removed, NULL, n_added);
  splice_pointers (self->flat, position, removed, added, n_added);
}

static void
forget_question (IkSearchModel *self,
                 IkQuestion    *question,
                 IkBank        *bank)
{
  /* During a move between banks the question may already belong to the
   * other bank: only forget our own claim. */
  if (g_hash_table_lookup (self->bank_of, question) == bank)
    g_hash_table_remove (self->bank_of, question);
}

static void
on_questions_changed (GListModel *questions,
                      guint       position,
                      guint       removed,
                      guint       added,
                      BankEntry  *entry)
{
  IkSearchModel *self = entry->model;
  guint offset = entry_offset (self, entry);

  for (guint i = 0; i < removed; i++)
    forget_question (self, g_ptr_array_index (entry->mirror, position + i), entry->bank);
  g_ptr_array_remove_range (entry->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      IkQuestion *question = g_list_model_get_item (questions, position + i);

      g_hash_table_insert (self->bank_of, question, entry->bank);
      g_ptr_array_insert (entry->mirror, position + i, question);
    }
  flat_splice (self, offset + position, removed, entry->mirror->pdata + position, added);

  g_list_model_items_changed (G_LIST_MODEL (self), offset + position, removed, added);
}

/* Any change of the bank, including an edit of one of its questions:
 * its texts are folded again when next matched. */
static void
on_bank_changed (IkBank    *bank,
                 BankEntry *entry)
{
  IkSearchModel *self = entry->model;
  guint offset = entry_offset (self, entry);

  for (guint i = 0; i < entry->mirror->len; i++)
    forget_text (self, offset + i);
}

static void
bank_entry_free (gpointer data)
{
  BankEntry *entry = data;

  for (guint i = 0; i < entry->mirror->len; i++)
    forget_question (entry->model, g_ptr_array_index (entry->mirror, i), entry->bank);
  g_clear_signal_handler (&entry->bank_handler, entry->bank);
  g_clear_signal_handler (&entry->handler, entry->questions);
  g_ptr_array_unref (entry->mirror);
  g_object_unref (entry->questions);
  g_object_unref (entry->bank);
  g_free (entry);
}

static BankEntry *
bank_entry_new (IkSearchModel *self,
                IkBank        *bank)
{
  BankEntry *entry = g_new0 (BankEntry, 1);
  guint n;

  entry->model = self;
  entry->bank = g_object_ref (bank);
  /* A bank's questions still unread come in with items-changed: reading
   * every bank's at once would stall the window that shows the first. */
  entry->questions = g_object_ref (ik_bank_peek_questions (bank));
  n = g_list_model_get_n_items (entry->questions);
  entry->mirror = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      IkQuestion *question = g_list_model_get_item (entry->questions, i);

      g_hash_table_insert (self->bank_of, question, bank);
      g_ptr_array_add (entry->mirror, question);
    }
  entry->handler = g_signal_connect (entry->questions, "items-changed",
                                     G_CALLBACK (on_questions_changed), entry);
  entry->bank_handler = g_signal_connect (bank, "changed",
                                          G_CALLBACK (on_bank_changed), entry);
  return entry;
}

static void
on_banks_changed (GListModel    *banks,
                  guint          position,
                  guint          removed,
                  guint          added,
                  IkSearchModel *self)
{
  guint offset = 0;
  guint n_removed = 0;
  guint n_added = 0;

  for (guint i = 0; i < position; i++)
    offset += ((BankEntry *) g_ptr_array_index (self->entries, i))->mirror->len;
  for (guint i = 0; i < removed; i++)
    n_removed += ((BankEntry *) g_ptr_array_index (self->entries, position + i))->mirror->len;

  g_ptr_array_remove_range (self->entries, position, removed);
  flat_splice (self, offset, n_removed, NULL, 0);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, position + i);
      BankEntry *entry = bank_entry_new (self, bank);

      flat_splice (self, offset + n_added, 0, entry->mirror->pdata, entry->mirror->len);
      n_added += entry->mirror->len;
      g_ptr_array_insert (self->entries, position + i, entry);
    }

  /* Removing the entries may have forgotten questions that a newly added
   * entry claims as well (a bank replaced by itself): claim them again.
   * Nothing was removed at load (10,000 lookups fewer at 1x). */
  for (guint i = 0; removed > 0 && i < added; i++)
    {
      BankEntry *entry = g_ptr_array_index (self->entries, position + i);

      for (guint j = 0; j < entry->mirror->len; j++)
        g_hash_table_insert (self->bank_of, g_ptr_array_index (entry->mirror, j), entry->bank);
    }

  if (n_removed > 0 || n_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), offset, n_removed, n_added);
}

static void
ik_search_model_dispose (GObject *object)
{
  IkSearchModel *self = IK_SEARCH_MODEL (object);

  if (self->banks != NULL)
    g_clear_signal_handler (&self->banks_handler, self->banks);
  g_ptr_array_set_size (self->flat, 0);
  g_ptr_array_set_size (self->text_at, 0);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->bank_of, g_hash_table_unref);
  g_clear_object (&self->banks);

  G_OBJECT_CLASS (ik_search_model_parent_class)->dispose (object);
}

static void
ik_search_model_finalize (GObject *object)
{
  IkSearchModel *self = IK_SEARCH_MODEL (object);

  g_ptr_array_unref (self->flat);
  g_ptr_array_unref (self->text_at);
  g_ptr_array_unref (self->blocks);
  g_string_free (self->scratch, TRUE);

  G_OBJECT_CLASS (ik_search_model_parent_class)->finalize (object);
}

static void
ik_search_model_class_init (IkSearchModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ik_search_model_dispose;
  G_OBJECT_CLASS (klass)->finalize = ik_search_model_finalize;
}

static void
ik_search_model_init (IkSearchModel *self)
{
  self->bank_of = g_hash_table_new (NULL, NULL);
  self->entries = g_ptr_array_new_with_free_func (bank_entry_free);
  self->flat = g_ptr_array_new ();
  self->text_at = g_ptr_array_new ();
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->scratch = g_string_new (NULL);
}

/**
 * ik_search_model_new:
 * @banks: a #GListModel of #IkBank, such as ik_library_get_banks()
 *
 * Creates a list of every question of every bank of @banks, in the order
 * of the banks and of their questions, that follows every change of both.
 *
 * Returns: (transfer full): a new #GListModel of #IkQuestion
 */
IkSearchModel *
ik_search_model_new (GListModel *banks)
{
  IkSearchModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (banks), NULL);

  self = g_object_new (IK_TYPE_SEARCH_MODEL, NULL);
  self->banks = g_object_ref (banks);
  self->banks_handler = g_signal_connect (banks, "items-changed",
                                          G_CALLBACK (on_banks_changed), self);
  on_banks_changed (banks, 0, 0, g_list_model_get_n_items (banks), self);
  return self;
}

/**
 * ik_search_model_get_bank:
 * @question: a question of the list
 *
 * Returns: (transfer none) (nullable): the bank holding @question, or NULL
 * when it is in none of them
 */
IkBank *
ik_search_model_get_bank (IkSearchModel *self,
                          IkQuestion    *question)
{
  g_return_val_if_fail (IK_IS_SEARCH_MODEL (self), NULL);
  g_return_val_if_fail (IK_IS_QUESTION (question), NULL);

  return g_hash_table_lookup (self->bank_of, question);
}

/* Copies @size bytes of @text into the blocks. */
static char *
store_text (IkSearchModel *self,
            const char    *text,
            gsize          size)
{
  char *stored;

  if (size > TEXT_BLOCK_SIZE / 4)
    {
      /* A block of its own; the current one goes on. */
      stored = g_malloc (size);
      g_ptr_array_add (self->blocks, stored);
    }
  else
    {
      if (size > self->block_free)
        {
          self->block_next = g_malloc (TEXT_BLOCK_SIZE);
          self->block_free = TEXT_BLOCK_SIZE;
          g_ptr_array_add (self->blocks, self->block_next);
        }
      stored = self->block_next;
      self->block_next += size;
      self->block_free -= size;
    }
  memcpy (stored, text, size);
  self->used_bytes += size;
  self->live_bytes += size;
  return stored;
}

/* Copies every text that is in use into new blocks, in the order of the
 * list, dropping the texts of edited or removed questions. */
static void
compact_texts (IkSearchModel *self)
{
  /* Freed on return, once the texts are copied out of them. */
  g_autoptr(GPtrArray) old_blocks G_GNUC_UNUSED = g_steal_pointer (&self->blocks);

  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->block_next = NULL;
  self->block_free = 0;
  self->used_bytes = 0;
  self->live_bytes = 0;
  for (guint i = 0; i < self->text_at->len; i++)
    {
      char **text = (char **) &g_ptr_array_index (self->text_at, i);

      if (*text != NULL)
        *text = store_text (self, *text, strlen (*text) + 1);
    }
}

/* The folded text of the question at @position, folded now when it is
 * not yet; valid until the model changes or folds another text. */
static const char *
text_at (IkSearchModel *self,
         guint          position)
{
  char **text = (char **) &g_ptr_array_index (self->text_at, position);

  if (G_UNLIKELY (*text == NULL))
    {
      if (self->used_bytes - self->live_bytes > self->live_bytes + TEXT_BLOCK_SIZE)
        {
          /* Mostly replaced texts: reclaim them first. */
          compact_texts (self);
          text = (char **) &g_ptr_array_index (self->text_at, position);
        }
      g_string_truncate (self->scratch, 0);
      ik_search_append_folded_question (self->scratch, g_ptr_array_index (self->flat, position));
      *text = store_text (self, self->scratch->str, self->scratch->len + 1);
    }
  return *text;
}

/* Whether the question at @position matches @query, from its folded text;
 * -1 when that is not folded yet (only ik_search_model_match_unchecked(),
 * on the main thread, folds). Reads only: other threads may call it while
 * the model and the questions do not change and nothing folds. */
int
ik_search_model_match_folded (IkSearchModel *self,
                              guint          position,
                              IkSearchQuery *query)
{
  const char *text;

  if (!ik_search_query_passes_filters (query, g_ptr_array_index (self->flat, position)))
    return 0;
  if (!ik_search_query_has_words (query))
    return 1;
  text = g_ptr_array_index (self->text_at, position);
  if (text == NULL)
    return -1;
  return ik_search_query_words_in (query, text);
}

gboolean
ik_search_model_match_unchecked (IkSearchModel *self,
                                 guint          position,
                                 IkSearchQuery *query)
{
  int matches = ik_search_model_match_folded (self, position, query);

  /* Not folded yet: folded now. */
  if (matches < 0)
    matches = ik_search_query_words_in (query, text_at (self, position));
  return matches;
}

gboolean
ik_search_model_find_list (IkSearchModel *self,
                           GListModel    *list,
                           guint         *offset)
{
  guint at = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      BankEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->questions == list)
        {
          *offset = at;
          return TRUE;
        }
      at += entry->mirror->len;
    }
  return FALSE;
}

/**
 * ik_search_model_warm:
 * @position: (inout): where to start; updated to where to go on
 * @max_questions: how many questions to prepare in this call
 *
 * Prepares the folded text that matching needs for up to @max_questions
 * questions, so that the first keystroke of a search does not pay for the
 * whole library. Call it in small slices from an idle handler, from
 * position 0 after the library has changed: a first call reclaims the
 * space of texts that edits replaced.
 *
 * Returns: %TRUE while questions remain after *@position
 */
gboolean
ik_search_model_warm (IkSearchModel *self,
                      guint         *position,
                      guint          max_questions)
{
  guint n;
  guint end;

  g_return_val_if_fail (IK_IS_SEARCH_MODEL (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  if (*position == 0 && self->used_bytes - self->live_bytes > self->live_bytes / 4)
    compact_texts (self);

  n = self->flat->len;
  end = MIN (n, *position + max_questions);
  for (; *position < end; (*position)++)
    (void) text_at (self, *position);
  return *position < n;
}
