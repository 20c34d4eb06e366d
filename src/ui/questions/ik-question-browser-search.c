/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-question-browser-search.c: searching every bank from the browser. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ik-accessible.h"
#include "ik-bank-editor.h"
#include "ik-export-files.h"
#include "ik-question-browser-private.h"
#include "ik-question-editor.h"
#include "ik-question-row.h"
#include "ik-revealer.h"
#include "ik-search.h"
#include "ik-window.h"

/* ---- Search ------------------------------------------------------------- */

/**
 * ik_question_browser_ensure_filters:
 * @self: a question browser
 *
 * Adds the competency and tag filters under the search entry, the first
 * time the search bar opens: two drop-downs, each with its popover, list
 * and search entry, are 58 widgets that start-up would otherwise build,
 * style and measure without showing them.
 */
void
ik_question_browser_ensure_filters (IkQuestionBrowser *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "filters", NULL };
  GtkWidget *filters;

  if (self->competency_dropdown != NULL)
    return;

  builder = gtk_builder_new ();
  if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_BASE "/ui/ik-question-browser-pages.ui", ids, &error))
    g_error ("The search filters could not be built: %s", error->message);
  filters = GTK_WIDGET (gtk_builder_get_object (builder, "filters"));
  self->competency_dropdown = GTK_DROP_DOWN (gtk_builder_get_object (builder, "competency_dropdown"));
  self->tag_dropdown = GTK_DROP_DOWN (gtk_builder_get_object (builder, "tag_dropdown"));
  gtk_drop_down_set_model (self->competency_dropdown, G_LIST_MODEL (self->competency_names));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tag_names));
  gtk_box_append (self->search_box, filters);
  ik_accessible_fix_names (filters);
  g_signal_connect_swapped (self->competency_dropdown, "notify::selected",
                            G_CALLBACK (ik_question_browser_update_search), self);
  g_signal_connect_swapped (self->tag_dropdown, "notify::selected",
                            G_CALLBACK (ik_question_browser_update_search), self);
}

/* The position selected in @dropdown, 0 ("All …") before it is built. */
static guint
filter_selected (GtkDropDown *dropdown)
{
  return dropdown != NULL ? gtk_drop_down_get_selected (dropdown) : 0;
}

/**
 * ik_question_browser_clear_filters:
 * @self: a question browser
 *
 * Sets both filters back to "All …".
 */
void
ik_question_browser_clear_filters (IkQuestionBrowser *self)
{
  if (self->competency_dropdown == NULL)
    return;
  gtk_drop_down_set_selected (self->competency_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
}

static void
refresh_filters (IkQuestionBrowser *self)
{
  const char *empty = NULL;

  /* Everything the library holds, gathered when the search bar opens. */
  g_autoptr(GHashTable) seen_competencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *banks = ik_library_get_banks (self->library);
  guint n_questions = g_list_model_get_n_items (G_LIST_MODEL (self->all_questions));
  guint selected_competency = filter_selected (self->competency_dropdown);
  guint selected_tag = filter_selected (self->tag_dropdown);
  g_autofree char *old_competency = NULL;
  g_autofree char *old_tag = NULL;

  if (selected_competency > 0 && selected_competency <= self->competency_ids->len)
    old_competency = g_strdup (g_ptr_array_index (self->competency_ids, selected_competency - 1));
  if (selected_tag > 0 && selected_tag <= self->tags->len)
    old_tag = g_strdup (g_ptr_array_index (self->tags, selected_tag - 1));

  g_ptr_array_set_size (self->competency_ids, 0);
  g_ptr_array_set_size (self->tags, 0);
  gtk_string_list_splice (self->competency_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->competency_names)) - 1, &empty);
  gtk_string_list_splice (self->tag_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_names)) - 1, &empty);

  for (guint i = 0; i < g_list_model_get_n_items (banks); i++)
    {
      g_autoptr(IkBank) bank = g_list_model_get_item (banks, i);
      GListModel *competencies = ik_bank_get_competencies (bank);

      for (guint j = 0; j < g_list_model_get_n_items (competencies); j++)
        {
          g_autoptr(IkCompetency) competency = g_list_model_get_item (competencies, j);
          const char *id = ik_competency_get_id (competency);

          if (g_hash_table_contains (seen_competencies, id))
            continue;
          g_ptr_array_add (self->competency_ids, g_strdup (id));
          g_hash_table_add (seen_competencies, g_ptr_array_index (self->competency_ids, self->competency_ids->len - 1));
          gtk_string_list_append (self->competency_names, ik_competency_get_name (competency));
        }
    }

  for (guint i = 0; i < n_questions; i++)
    {
      g_autoptr(IkQuestion) question = g_list_model_get_item (G_LIST_MODEL (self->all_questions), i);
      const char * const *tags = ik_question_get_tags (question);

      for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
        {
          char *folded = g_utf8_casefold (tags[j], -1);

          if (!g_hash_table_add (seen_tags, folded))
            continue;
          g_ptr_array_add (self->tags, g_strdup (tags[j]));
          gtk_string_list_append (self->tag_names, tags[j]);
        }
    }

  selected_competency = 0;
  for (guint i = 0; old_competency != NULL && i < self->competency_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->competency_ids, i), old_competency) == 0)
      selected_competency = i + 1;
  selected_tag = 0;
  for (guint i = 0; old_tag != NULL && i < self->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tags, i), old_tag) == 0)
      selected_tag = i + 1;
  gtk_drop_down_set_selected (self->competency_dropdown, selected_competency);
  gtk_drop_down_set_selected (self->tag_dropdown, selected_tag);
}

void
ik_question_browser_update_search (IkQuestionBrowser *self)
{
  guint competency = filter_selected (self->competency_dropdown);
  guint tag = filter_selected (self->tag_dropdown);
  g_autoptr(IkSearchQuery) query = NULL;
  gboolean searching;
  GHashTableIter iter;
  gpointer row;

  query = ik_search_query_new (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                               competency > 0 && competency <= self->competency_ids->len
                                 ? g_ptr_array_index (self->competency_ids, competency - 1) : NULL,
                               tag > 0 && tag <= self->tags->len
                                 ? g_ptr_array_index (self->tags, tag - 1) : NULL);
  if (self->query != NULL && ik_search_query_equal (query, self->query))
    return;

  searching = !ik_search_query_is_empty (query);
  if (searching)
    ik_library_load_questions (self->library);
  g_clear_pointer (&self->query, ik_search_query_unref);
  self->query = g_steal_pointer (&query);

  /* One change: the list searched and the query together (typing on only
   * checks the current results again; a backspace finds its earlier
   * results). */
  self->searching = searching;
  ik_search_results_set (self->questions_model,
                         searching ? G_LIST_MODEL (self->all_questions)
                                   : self->bank != NULL ? ik_bank_get_questions (self->bank) : NULL,
                         self->query);

  /* Rows that stay in the list are not bound again: update their
   * highlighting in place. */
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      IkQuestion *question = ik_question_row_get_question (row);
      if (question != NULL)
        ik_question_browser_bind_row (self, row, question);
    }

  ik_question_browser_update_bank_title (self);
  ik_question_browser_update_stacks (self);
  ik_question_browser_update_actions (self);
}

/**
 * ik_question_browser_hide_closed_search:
 * @self: a question browser
 *
 * Hides the search bar's contents whenever the bar is closed (call once,
 * with the contents hidden in the template): GTK 4.8 measures a closed
 * revealer's child on every layout (see ik-revealer.c), and the entry's
 * placeholder was the only text in the regular font before the first
 * frame. The bar itself stays shown for its key capture: keys typed in
 * the list still reach the hidden entry and open the bar.
 */
void
ik_question_browser_hide_closed_search (IkQuestionBrowser *self)
{
  GtkWidget *revealer = gtk_widget_get_first_child (GTK_WIDGET (self->search_bar));

  /* GtkSearchBar's revealer, in GTK 4.8; else the contents stay shown. */
  if (GTK_IS_REVEALER (revealer))
    ik_revealer_hide_content_while_closed (GTK_REVEALER (revealer), GTK_WIDGET (self->search_box));
  else
    gtk_widget_set_visible (GTK_WIDGET (self->search_box), TRUE);
}

void
ik_question_browser_on_search_mode_changed (IkQuestionBrowser *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      /* A search goes through every question: any still unread since the
       * load are read now (in the first moments after start only). */
      ik_library_load_questions (self->library);
      ik_question_browser_ensure_filters (self);
      refresh_filters (self);
      ik_question_browser_update_actions (self);
      return;
    }

  /* Closing the search goes back to the selected bank. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ik_question_browser_clear_filters (self);
  ik_question_browser_update_search (self);
  ik_question_browser_update_actions (self);
}

/* Enter in the search opens the first result, as in Files and Settings;
 * focus stays in the entry so the search can go on. */
void
ik_question_browser_on_search_activate (IkQuestionBrowser *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->questions_selection)) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->questions_view), "list.scroll-to-item", "u", 0);
  ik_question_browser_on_question_activated (self, 0);
}

/* Down in the search moves into the results, on the first one. */
gboolean
ik_question_browser_on_search_key (GtkEventControllerKey *controller,
                                   guint                  keyval,
                                   guint                  keycode,
                                   GdkModifierType        state,
                                   IkQuestionBrowser     *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || g_list_model_get_n_items (G_LIST_MODEL (self->questions_selection)) == 0)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->questions_view), "list.scroll-to-item", "u", 0);
  return gtk_widget_child_focus (GTK_WIDGET (self->questions_view), GTK_DIR_TAB_FORWARD);
}
