/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The question browser: where an interviewer prepares.
 *
 * Three columns in an AdwLeaflet: the banks, the questions of the selected
 * bank (or, while searching, of every bank), and the selected question in
 * full, its editor, or the bank's own page. On narrow windows one column is
 * shown at a time, with back buttons.
 *
 * The question list is a GtkListView over a GtkFilterListModel whose model
 * is either the selected bank's questions or, while searching, an
 * IkSearchModel of every question, so that a library of 10,000 questions
 * costs only the rows on screen.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ik-bank-editor.h"
#include "ik-export-files.h"
#include "ik-question-browser.h"
#include "ik-question-editor.h"
#include "ik-question-row.h"
#include "ik-search.h"
#include "ik-window.h"

struct _IkQuestionBrowser
{
  GtkWidget            parent_instance;

  IkLibrary           *library;
  IkSearchModel       *all_questions;
  guint                warm_source;
  guint                warm_position;

  GListModel          *banks_model;         /* the library's banks */
  GtkSingleSelection  *banks_selection;
  GtkFilterListModel  *questions_model;
  GtkCustomFilter     *questions_filter;
  GtkMultiSelection   *questions_selection;

  IkSearchQuery       *query;
  gboolean             searching;
  IkBank              *bank;
  gulong               bank_title_handler;
  IkQuestion          *question;
  IkBank              *question_bank;
  gulong               question_handler;
  guint                usage;             /* of question, counted once */
  gboolean             showing_bank;
  gboolean             retargeting;

  GHashTable          *bound_rows;

  GtkStringList       *competency_names;
  GPtrArray           *competency_ids;
  GtkStringList       *tag_names;
  GPtrArray           *tags;

  GtkWidget           *question_editor;
  GtkWidget           *bank_editor;

  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkListView         *banks_view;
  GtkWidget           *questions_page;
  GtkWidget           *questions_back_button;
  GtkLabel            *bank_title_label;
  GtkToggleButton     *search_button;
  GtkMenuButton       *bank_menu_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *competency_dropdown;
  GtkDropDown         *tag_dropdown;
  GtkStack            *questions_stack;
  GtkListView         *questions_view;
  GtkRevealer         *plan_revealer;
  GtkLabel            *selection_label;
  GtkWidget           *detail_back_button;
  GtkLabel            *detail_title_label;
  GtkWidget           *question_actions;
  GtkToggleButton     *edit_button;
  GtkStack            *detail_stack;
  AdwStatusPage       *many_page;
  GtkBox              *question_box;
};

G_DEFINE_FINAL_TYPE (IkQuestionBrowser, ik_question_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_detail       (IkQuestionBrowser *self);
static void update_actions      (IkQuestionBrowser *self);
static void update_stacks       (IkQuestionBrowser *self);
static void set_bank            (IkQuestionBrowser *self,
                                 IkBank            *bank);

/* ---- Helpers ------------------------------------------------------------ */

static gboolean
find_position (GListModel *model,
               gpointer    item,
               guint      *position)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
show_toast (IkQuestionBrowser *self,
            AdwToast          *toast)
{
  ik_window_add_toast_for_widget (GTK_WIDGET (self), toast);
}

static void
show_error (IkQuestionBrowser *self,
            const char        *heading,
            const char        *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The bank holding a question of the list. */
static IkBank *
bank_of_question (IkQuestionBrowser *self,
                  IkQuestion        *question)
{
  IkBank *bank = ik_search_model_get_bank (self->all_questions, question);

  return bank != NULL ? bank : self->bank;
}

/* The questions selected in the list, in list order. */
static GPtrArray *
get_selected_questions (IkQuestionBrowser *self)
{
  GPtrArray *questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->questions_selection));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (questions, g_list_model_get_item (G_LIST_MODEL (self->questions_selection), position));

  return questions;
}

static void
select_question (IkQuestionBrowser *self,
                 IkQuestion        *question)
{
  guint position;

  if (question != NULL && find_position (G_LIST_MODEL (self->questions_model), question, &position))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection), position, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self->questions_view), "list.scroll-to-item", "u", position);
    }
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->questions_selection));
}

/* Makes @bank editable: a bundled bank is replaced in the library by the
 * user's copy, which is then selected in place of it. */
static IkBank *
ensure_editable_bank (IkQuestionBrowser *self,
                      IkBank            *bank)
{
  IkBank *copy;
  guint position;

  if (ik_bank_get_origin (bank) != IK_BANK_ORIGIN_BUNDLED)
    return bank;

  self->retargeting = TRUE;
  copy = ik_library_make_user_copy (self->library, bank);
  if (find_position (G_LIST_MODEL (self->banks_model), copy, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
  self->retargeting = FALSE;

  if (self->bank == bank)
    set_bank (self, copy);
  return copy;
}

/* ---- Banks -------------------------------------------------------------- */

static void
update_bank_row (GtkListItem *item)
{
  IkBank *bank = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_next_sibling (title);
  guint n;
  g_autofree char *n_text = NULL;
  g_autofree char *description = NULL;

  if (bank == NULL)
    return;
  n = g_list_model_get_n_items (ik_bank_get_questions (bank));
  n_text = g_strdup_printf ("%u", n);
  description = g_strdup_printf (ngettext ("%u question", "%u questions", n), n);
  gtk_label_set_text (GTK_LABEL (title), ik_bank_get_title (bank));
  gtk_label_set_text (GTK_LABEL (count), n_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ik_bank_get_title (bank),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (box, ik_bank_get_origin (bank) == IK_BANK_ORIGIN_BUNDLED
                                      ? _("Bundled with Interview Kit") : NULL);
}

static void
bank_row_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (item, box);
}

static void
bank_row_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  IkBank *bank = gtk_list_item_get_item (item);
  gulong title_handler;
  gulong count_handler;

  update_bank_row (item);
  title_handler = g_signal_connect_swapped (bank, "notify::title", G_CALLBACK (update_bank_row), item);
  count_handler = g_signal_connect_swapped (ik_bank_get_questions (bank), "items-changed",
                                            G_CALLBACK (update_bank_row), item);
  g_object_set_data (G_OBJECT (item), "ik-title-handler", GSIZE_TO_POINTER (title_handler));
  g_object_set_data (G_OBJECT (item), "ik-count-handler", GSIZE_TO_POINTER (count_handler));
}

static void
bank_row_unbind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  IkBank *bank = gtk_list_item_get_item (item);
  gulong title_handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "ik-title-handler"));
  gulong count_handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "ik-count-handler"));

  if (bank == NULL)
    return;
  g_clear_signal_handler (&title_handler, bank);
  g_clear_signal_handler (&count_handler, ik_bank_get_questions (bank));
}

static void
update_bank_title (IkQuestionBrowser *self)
{
  gtk_label_set_text (self->bank_title_label,
                      self->searching ? _("Search Results")
                                      : self->bank != NULL ? ik_bank_get_title (self->bank) : "");
}

static void
set_bank (IkQuestionBrowser *self,
          IkBank            *bank)
{
  if (self->bank != bank)
    {
      if (self->bank != NULL)
        g_clear_signal_handler (&self->bank_title_handler, self->bank);
      g_set_object (&self->bank, bank);
      if (bank != NULL)
        self->bank_title_handler = g_signal_connect_swapped (bank, "notify::title",
                                                             G_CALLBACK (update_bank_title), self);
    }

  if (!self->searching)
    gtk_filter_list_model_set_model (self->questions_model,
                                     bank != NULL ? ik_bank_get_questions (bank) : NULL);
  if (self->showing_bank)
    ik_bank_editor_set_bank (IK_BANK_EDITOR (self->bank_editor), bank);

  update_bank_title (self);
  update_stacks (self);
  update_actions (self);
}

static void
on_bank_selected (IkQuestionBrowser *self)
{
  if (self->retargeting)
    return;
  set_bank (self, gtk_single_selection_get_selected_item (self->banks_selection));
  update_detail (self);
}

static void
on_bank_activated (IkQuestionBrowser *self,
                   guint              position)
{
  gtk_single_selection_set_selected (self->banks_selection, position);
  if (self->searching)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  adw_leaflet_set_visible_child (self->leaflet, self->questions_page);
}

/**
 * ik_question_browser_select_bank:
 * @bank: a bank of the library
 *
 * Shows the questions of @bank.
 */
void
ik_question_browser_select_bank (IkQuestionBrowser *self,
                                 IkBank            *bank)
{
  guint position;

  g_return_if_fail (IK_IS_QUESTION_BROWSER (self));
  g_return_if_fail (IK_IS_BANK (bank));

  if (find_position (G_LIST_MODEL (self->banks_model), bank, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
}

/* ---- Questions list ----------------------------------------------------- */

static gboolean
questions_filter_func (gpointer item,
                       gpointer user_data)
{
  IkQuestionBrowser *self = user_data;

  if (!self->searching)
    return TRUE;
  return ik_question_match (item, self->query);
}

static void
bind_row (IkQuestionBrowser *self,
          IkQuestionRow     *row,
          IkQuestion        *question)
{
  ik_question_row_set_question (row, question,
                                self->searching ? ik_search_model_get_bank (self->all_questions, question) : NULL,
                                self->searching ? self->query : NULL);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *item)
{
  IkQuestion *question = gtk_list_item_get_item (item);

  if (question == NULL)
    return NULL;
  return gdk_content_provider_new_typed (IK_TYPE_QUESTION, question);
}

static void move_question_to (IkQuestionBrowser *self,
                              IkQuestion        *question,
                              IkQuestion        *target);

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (gtk_widget_get_ancestor (row, IK_TYPE_QUESTION_BROWSER));
  IkQuestion *dropped = g_value_get_object (value);
  IkQuestion *onto = gtk_list_item_get_item (item);

  if (self == NULL || dropped == NULL || onto == NULL || dropped == onto)
    return FALSE;
  move_question_to (self, dropped, onto);
  return TRUE;
}

static void
question_row_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    IkQuestionBrowser        *self)
{
  GtkWidget *row = ik_question_row_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (IK_TYPE_QUESTION, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  gtk_list_item_set_child (item, row);
}

static void
question_row_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   IkQuestionBrowser        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  bind_row (self, IK_QUESTION_ROW (row), gtk_list_item_get_item (item));
  g_hash_table_add (self->bound_rows, row);
}

static void
question_row_unbind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     IkQuestionBrowser        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  ik_question_row_set_question (IK_QUESTION_ROW (row), NULL, NULL, NULL);
  g_hash_table_remove (self->bound_rows, row);
}

static void
question_row_teardown (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       IkQuestionBrowser        *self)
{
  if (self->bound_rows != NULL)
    g_hash_table_remove (self->bound_rows, gtk_list_item_get_child (item));
}

static void
update_stacks (IkQuestionBrowser *self)
{
  guint n_banks = g_list_model_get_n_items (G_LIST_MODEL (self->banks_model));
  guint n_questions = g_list_model_get_n_items (G_LIST_MODEL (self->questions_model));

  gtk_stack_set_visible_child_name (self->main_stack,
                                    n_banks == 0 && ik_library_get_loaded (self->library) ? "empty" : "browser");

  if (n_questions > 0)
    gtk_stack_set_visible_child_name (self->questions_stack, "list");
  else if (self->searching)
    gtk_stack_set_visible_child_name (self->questions_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->questions_stack, self->bank != NULL ? "no-questions" : "list");
}

/* ---- Search ------------------------------------------------------------- */

static void
refresh_filters (IkQuestionBrowser *self)
{
  const char *empty = NULL;

  /* Everything the library holds, gathered when the search bar opens. */
  g_autoptr(GHashTable) seen_competencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *banks = ik_library_get_banks (self->library);
  guint n_questions = g_list_model_get_n_items (G_LIST_MODEL (self->all_questions));
  guint selected_competency = gtk_drop_down_get_selected (self->competency_dropdown);
  guint selected_tag = gtk_drop_down_get_selected (self->tag_dropdown);
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

static void
update_search (IkQuestionBrowser *self)
{
  guint competency = gtk_drop_down_get_selected (self->competency_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  g_autoptr(IkSearchQuery) query = NULL;
  gboolean searching;
  GtkFilterChange change;
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
  /* Typing on only needs the current results checked again. */
  change = self->query != NULL && searching == self->searching &&
           ik_search_query_is_narrower (query, self->query)
             ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_DIFFERENT;
  g_clear_pointer (&self->query, ik_search_query_unref);
  self->query = g_steal_pointer (&query);

  if (searching != self->searching)
    {
      self->searching = searching;
      gtk_filter_list_model_set_model (self->questions_model,
                                       searching ? G_LIST_MODEL (self->all_questions)
                                                 : self->bank != NULL ? ik_bank_get_questions (self->bank) : NULL);
    }

  gtk_filter_changed (GTK_FILTER (self->questions_filter), change);

  /* Rows that stay in the list are not bound again: update their
   * highlighting in place. */
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      IkQuestion *question = ik_question_row_get_question (row);
      if (question != NULL)
        bind_row (self, row, question);
    }

  update_bank_title (self);
  update_stacks (self);
  update_actions (self);
}

static void
on_search_mode_changed (IkQuestionBrowser *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      refresh_filters (self);
      update_actions (self);
      return;
    }

  /* Closing the search goes back to the selected bank. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->competency_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  update_search (self);
  update_actions (self);
}

/* ---- Detail ------------------------------------------------------------- */

static guint
count_usage (IkQuestionBrowser *self,
             IkQuestion        *question)
{
  GListModel *sessions = ik_library_get_sessions (self->library);
  const char *id = ik_question_get_id (question);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(IkSession) session = g_list_model_get_item (sessions, i);
      GListModel *records = ik_session_get_records (session);

      for (guint j = 0; j < g_list_model_get_n_items (records); j++)
        {
          g_autoptr(IkQuestionRecord) record = g_list_model_get_item (records, j);
          IkQuestion *snapshot = ik_question_record_get_question (record);

          if (snapshot != NULL && g_strcmp0 (ik_question_get_id (snapshot), id) == 0)
            {
              count++;
              break;
            }
        }
    }
  return count;
}

static GtkWidget *
add_label (IkQuestionBrowser *self,
           const char        *text,
           const char        *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->question_box, label);
  return label;
}

static void
add_list_section (IkQuestionBrowser  *self,
                  const char         *heading,
                  const char * const *items)
{
  GtkWidget *title;

  if (items == NULL || items[0] == NULL)
    return;

  title = add_label (self, heading, "heading");
  gtk_label_set_selectable (GTK_LABEL (title), FALSE);
  gtk_widget_set_margin_top (title, 18);
  for (guint i = 0; items[i] != NULL; i++)
    {
      /* Translators: a bullet point of a list */
      g_autofree char *text = g_strdup_printf (_("• %s"), items[i]);
      add_label (self, text, NULL);
    }
}

static void
rebuild_question_view (IkQuestionBrowser *self)
{
  IkQuestion *question = self->question;
  GtkWidget *child;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char * const *competencies;
  guint minutes, usage;
  const char *text;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->question_box))) != NULL)
    gtk_box_remove (self->question_box, child);
  if (question == NULL)
    return;

  text = ik_question_get_text (question);
  add_label (self, text != NULL && text[0] != '\0' ? text : _("Untitled question"), "title-3");

  if (self->question_bank != NULL)
    g_string_append (meta, ik_bank_get_title (self->question_bank));
  minutes = ik_question_get_minutes (question);
  if (minutes > 0)
    {
      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append_printf (meta, ngettext ("%u minute", "%u minutes", minutes), minutes);
    }
  usage = self->usage;
  if (meta->len > 0)
    g_string_append (meta, " · ");
  if (usage == 0)
    g_string_append (meta, _("Not used in past interviews yet"));
  else
    g_string_append_printf (meta, ngettext ("Used in %u past interview", "Used in %u past interviews", usage), usage);
  add_label (self, meta->str, "dim-label");

  add_list_section (self, _("Areas to Cover"), ik_question_get_areas (question));
  add_list_section (self, _("Follow-up Questions"), ik_question_get_follow_ups (question));

  competencies = ik_question_get_competencies (question);
  for (guint i = 0; competencies != NULL && competencies[i] != NULL; i++)
    {
      IkCompetency *competency = self->question_bank != NULL
                                   ? ik_bank_find_competency (self->question_bank, competencies[i]) : NULL;
      g_ptr_array_add (names, g_strdup (competency != NULL ? ik_competency_get_name (competency) : competencies[i]));
    }
  g_ptr_array_add (names, NULL);
  add_list_section (self, _("Competencies"), (const char * const *) names->pdata);
  add_list_section (self, _("Tags"), ik_question_get_tags (question));
}

static void
set_question (IkQuestionBrowser *self,
              IkQuestion        *question,
              IkBank            *bank)
{
  if (self->question != question)
    {
      if (self->question != NULL)
        g_clear_signal_handler (&self->question_handler, self->question);
      g_set_object (&self->question, question);
      /* Counted when the question is shown, not on every edit. */
      self->usage = question != NULL ? count_usage (self, question) : 0;
      if (question != NULL)
        self->question_handler = g_signal_connect_swapped (question, "changed",
                                                           G_CALLBACK (rebuild_question_view), self);
    }
  g_set_object (&self->question_bank, bank);
  rebuild_question_view (self);
  ik_question_editor_set_question (IK_QUESTION_EDITOR (self->question_editor), bank, question);
}

static void
update_detail (IkQuestionBrowser *self)
{
  g_autoptr(GPtrArray) selected = get_selected_questions (self);

  if (self->retargeting)
    return;

  if (selected->len > 0)
    self->showing_bank = FALSE;

  gtk_widget_set_visible (self->question_actions, !self->showing_bank && selected->len == 1);

  if (self->showing_bank)
    {
      ik_bank_editor_set_bank (IK_BANK_EDITOR (self->bank_editor), self->bank);
      gtk_label_set_text (self->detail_title_label, _("Bank Details"));
      gtk_stack_set_visible_child_name (self->detail_stack, "bank");
      set_question (self, NULL, NULL);
    }
  else if (selected->len == 1)
    {
      IkQuestion *question = g_ptr_array_index (selected, 0);

      set_question (self, question, bank_of_question (self, question));
      gtk_label_set_text (self->detail_title_label,
                          gtk_toggle_button_get_active (self->edit_button) ? _("Edit Question") : _("Question"));
      gtk_stack_set_visible_child_name (self->detail_stack,
                                        gtk_toggle_button_get_active (self->edit_button) ? "edit" : "question");
    }
  else if (selected->len > 1)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u Question Selected", "%u Questions Selected",
                                                          selected->len), selected->len);
      set_question (self, NULL, NULL);
      adw_status_page_set_title (self->many_page, title);
      gtk_label_set_text (self->detail_title_label, "");
      gtk_stack_set_visible_child_name (self->detail_stack, "many");
    }
  else
    {
      set_question (self, NULL, NULL);
      gtk_label_set_text (self->detail_title_label, "");
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
    }

  update_actions (self);
}

static void
on_question_selection_changed (IkQuestionBrowser *self)
{
  update_detail (self);
}

static void
on_question_activated (IkQuestionBrowser *self,
                       guint              position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection), position, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_edit_toggled (IkQuestionBrowser *self)
{
  update_detail (self);
  if (gtk_toggle_button_get_active (self->edit_button) && self->question != NULL)
    gtk_widget_child_focus (self->question_editor, GTK_DIR_TAB_FORWARD);
}

static void
on_prepare_copy (IkQuestionBrowser *self)
{
  self->retargeting = TRUE;
}

static void
on_question_editor_copied (IkQuestionBrowser *self,
                           IkBank            *copy,
                           IkQuestion        *question)
{
  guint position;

  if (find_position (G_LIST_MODEL (self->banks_model), copy, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
  set_bank (self, copy);
  select_question (self, question);
  self->retargeting = FALSE;
  update_detail (self);
}

static void
on_bank_editor_copied (IkQuestionBrowser *self,
                       IkBank            *copy)
{
  guint position;

  if (find_position (G_LIST_MODEL (self->banks_model), copy, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
  set_bank (self, copy);
  self->retargeting = FALSE;
}

/* ---- Deleting with Undo ------------------------------------------------- */

/* A bank goes to the library's trash at once, and Undo brings it back from
 * there. A question has no file of its own: its bank is saved without it,
 * and Undo puts it back where it was. Both go through the window's one
 * undo toast. */

typedef struct
{
  IkQuestionBrowser *self;
  char              *bank_id;
} BankUndo;

static void
bank_undo_free (gpointer data)
{
  BankUndo *undo = data;

  g_object_unref (undo->self);
  g_free (undo->bank_id);
  g_free (undo);
}

static void
undo_bank_delete (IkWindow *window,
                  gpointer  data)
{
  BankUndo *undo = data;
  IkQuestionBrowser *self = undo->self;
  g_autoptr(GError) error = NULL;
  IkBank *bank;

  bank = ik_library_restore_bank (self->library, undo->bank_id, &error);
  if (bank == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *title = g_strdup_printf (_("Could not restore the bank: %s"), escaped);

      ik_window_add_toast (window, adw_toast_new (title));
      return;
    }
  ik_window_show_view (window, "questions");
  ik_question_browser_select_bank (self, bank);
}

typedef struct
{
  IkQuestionBrowser *self;
  IkBank            *bank;
  GPtrArray         *questions;   /* removed questions, by ascending position */
  GArray            *positions;
} QuestionsUndo;

static void
questions_undo_free (gpointer data)
{
  QuestionsUndo *undo = data;

  g_object_unref (undo->self);
  g_object_unref (undo->bank);
  g_ptr_array_unref (undo->questions);
  g_array_unref (undo->positions);
  g_free (undo);
}

static void
undo_questions_delete (IkWindow *window,
                       gpointer  data)
{
  QuestionsUndo *undo = data;
  GListStore *store = G_LIST_STORE (ik_bank_get_questions (undo->bank));

  for (guint i = 0; i < undo->questions->len; i++)
    {
      guint position = MIN (g_array_index (undo->positions, guint, i),
                            g_list_model_get_n_items (G_LIST_MODEL (store)));
      g_list_store_insert (store, position, g_ptr_array_index (undo->questions, i));
    }
  ik_window_show_view (window, "questions");
  if (undo->questions->len > 0)
    select_question (undo->self, g_ptr_array_index (undo->questions, 0));
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

static void
delete_question_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(GPtrArray) selected = get_selected_questions (self);
  IkWindow *window = ik_window_get_for_widget (widget);
  QuestionsUndo *undo;
  IkBank *bank;
  GListStore *store;
  g_autofree char *title = NULL;
  guint next_position = 0;

  if (selected->len == 0)
    return;

  /* Undo restores into one bank: delete the selected questions of the
   * bank of the first one. */
  bank = bank_of_question (self, g_ptr_array_index (selected, 0));
  if (bank == NULL)
    return;
  bank = ensure_editable_bank (self, bank);
  store = G_LIST_STORE (ik_bank_get_questions (bank));

  undo = g_new0 (QuestionsUndo, 1);
  undo->self = g_object_ref (self);
  undo->bank = g_object_ref (bank);
  undo->questions = g_ptr_array_new_with_free_func (g_object_unref);
  undo->positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < selected->len; i++)
    {
      IkQuestion *question = g_ptr_array_index (selected, i);
      IkQuestion *own = ik_bank_find_question (bank, ik_question_get_id (question));
      guint position;

      if (own != NULL && find_position (G_LIST_MODEL (store), own, &position))
        g_array_append_val (undo->positions, position);
    }
  g_array_sort (undo->positions, compare_guint);
  for (guint i = 0; i < undo->positions->len; i++)
    g_ptr_array_add (undo->questions,
                     g_list_model_get_item (G_LIST_MODEL (store), g_array_index (undo->positions, guint, i)));

  /* Remove from the end so the recorded positions stay true. */
  for (guint i = undo->positions->len; i > 0; i--)
    g_list_store_remove (store, g_array_index (undo->positions, guint, i - 1));

  if (undo->positions->len > 0)
    next_position = g_array_index (undo->positions, guint, 0);

  if (undo->questions->len == 1)
    {
      const char *text = ik_question_get_text (g_ptr_array_index (undo->questions, 0));
      g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);
      g_autofree char *shortened = g_utf8_strlen (escaped, -1) > 40 ? g_utf8_substring (escaped, 0, 40) : NULL;

      /* Cutting escaped text could split an entity: shorten the raw text. */
      if (shortened != NULL)
        {
          g_autofree char *raw = g_utf8_substring (text, 0, 40);
          g_free (escaped);
          escaped = g_markup_escape_text (raw, -1);
          title = g_strdup_printf (_("Deleted “%s…”"), escaped);
        }
      else
        title = g_strdup_printf (_("Deleted “%s”"), escaped);
    }
  else
    title = g_strdup_printf (ngettext ("Deleted %u question", "Deleted %u questions", undo->questions->len),
                             undo->questions->len);

  if (window != NULL)
    ik_window_show_undo_toast (window, title, undo_questions_delete, undo, questions_undo_free);
  else
    questions_undo_free (undo);

  /* Keep the keyboard in the list, on the next question. */
  if (!self->searching && g_list_model_get_n_items (G_LIST_MODEL (self->questions_model)) > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->questions_model));
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection),
                                       MIN (next_position, n - 1), TRUE);
    }
}

static void
delete_bank_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  IkWindow *window = ik_window_get_for_widget (widget);
  g_autoptr(IkBank) bank = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  BankUndo *undo;

  if (self->bank == NULL || ik_bank_get_origin (self->bank) == IK_BANK_ORIGIN_BUNDLED)
    return;

  bank = g_object_ref (self->bank);
  escaped = g_markup_escape_text (ik_bank_get_title (bank), -1);
  if (!ik_library_remove_bank (self->library, bank, &error))
    {
      g_autofree char *reason = g_markup_escape_text (error->message, -1);

      title = g_strdup_printf (_("Could not delete “%s”: %s"), escaped, reason);
      show_toast (self, adw_toast_new (title));
      return;
    }

  self->showing_bank = FALSE;
  adw_leaflet_set_visible_child_name (self->leaflet, "banks");
  if (window == NULL)
    return;

  undo = g_new0 (BankUndo, 1);
  undo->self = g_object_ref (self);
  undo->bank_id = g_strdup (ik_bank_get_id (bank));
  title = g_strdup_printf (_("Deleted “%s”"), escaped);
  ik_window_show_undo_toast (window, title, undo_bank_delete, undo, bank_undo_free);
}

/* ---- Editing the structure ---------------------------------------------- */

static void
move_within_bank (IkQuestionBrowser *self,
                  IkBank            *bank,
                  IkQuestion        *question,
                  guint              to)
{
  GListStore *store = G_LIST_STORE (ik_bank_get_questions (bank));
  g_autoptr(IkQuestion) keep = g_object_ref (question);
  guint from;

  if (!find_position (G_LIST_MODEL (store), question, &from) || from == to)
    return;
  g_list_store_remove (store, from);
  g_list_store_insert (store, to, keep);
  select_question (self, keep);
}

static void
move_question_to (IkQuestionBrowser *self,
                  IkQuestion        *question,
                  IkQuestion        *target)
{
  IkBank *bank = bank_of_question (self, question);
  IkBank *target_bank = bank_of_question (self, target);
  IkQuestion *own;
  IkQuestion *own_target;
  guint to;

  if (bank == NULL || bank != target_bank)
    return;
  bank = ensure_editable_bank (self, bank);
  own = ik_bank_find_question (bank, ik_question_get_id (question));
  own_target = ik_bank_find_question (bank, ik_question_get_id (target));
  if (own == NULL || own_target == NULL ||
      !find_position (ik_bank_get_questions (bank), own_target, &to))
    return;
  move_within_bank (self, bank, own, to);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(GPtrArray) selected = get_selected_questions (self);
  int delta = g_str_equal (action_name, "browser.move-up") ? -1 : 1;
  IkQuestion *question;
  IkBank *bank;
  guint from;
  guint n;

  if (selected->len != 1)
    return;
  question = g_ptr_array_index (selected, 0);
  bank = bank_of_question (self, question);
  if (bank == NULL)
    return;
  bank = ensure_editable_bank (self, bank);
  question = ik_bank_find_question (bank, ik_question_get_id (question));
  n = g_list_model_get_n_items (ik_bank_get_questions (bank));
  if (question == NULL || !find_position (ik_bank_get_questions (bank), question, &from))
    return;
  if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;
  move_within_bank (self, bank, question, from + delta);
}

static void
add_question_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(IkQuestion) question = ik_question_new ();
  IkBank *bank;

  if (self->bank == NULL)
    return;
  if (self->searching)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  bank = ensure_editable_bank (self, self->bank);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  select_question (self, question);
  gtk_toggle_button_set_active (self->edit_button, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  gtk_widget_child_focus (self->question_editor, GTK_DIR_TAB_FORWARD);
}

static void
show_bank_page (IkQuestionBrowser *self)
{
  self->showing_bank = TRUE;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->questions_selection));
  update_detail (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
show_bank_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  if (self->bank != NULL)
    show_bank_page (self);
}

static void
rename_bank_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  if (self->bank == NULL)
    return;
  show_bank_page (self);
  ik_bank_editor_focus_title (IK_BANK_EDITOR (self->bank_editor));
}

static void
new_bank_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(IkBank) bank = ik_bank_new (_("New Bank"));

  ik_question_browser_select_bank (self, ik_library_add_bank (self->library, bank));
  show_bank_page (self);
  ik_bank_editor_focus_title (IK_BANK_EDITOR (self->bank_editor));
}

static void
duplicate_bank_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(IkBank) copy = NULL;
  g_autofree char *title = NULL;

  if (self->bank == NULL)
    return;
  /* Translators: the title of a duplicated bank */
  title = g_strdup_printf (_("%s (Copy)"), ik_bank_get_title (self->bank));
  copy = ik_bank_duplicate (self->bank, title);
  ik_bank_set_origin (copy, IK_BANK_ORIGIN_USER);
  ik_question_browser_select_bank (self, ik_library_add_bank (self->library, copy));
}

/* ---- Export ------------------------------------------------------------- */

typedef struct
{
  IkQuestionBrowser *self;
  IkBank            *bank;
  IkBankFormat       format;
  char              *basename;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->bank);
  g_free (job->basename);
  g_free (job);
}

static void
on_bank_exported (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ExportJob *job = user_data;
  IkQuestionBrowser *self = job->self;
  g_autoptr(GError) error = NULL;

  if (ik_bank_export_file_finish (result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (job->basename, -1);
      g_autofree char *title = g_strdup_printf (_("Exported to “%s”"), escaped);
      show_toast (self, adw_toast_new (title));
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), ik_bank_get_title (job->bank));
      show_error (self, heading, error->message);
    }
  export_job_free (job);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    ExportJob       *job)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* Serialised now, written (with fsync) in a worker thread. */
      job->basename = g_file_get_basename (file);
      ik_bank_export_file_async (job->bank, job->format, file, NULL, on_bank_exported, job);
    }
  else
    export_job_free (job);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  IkBankFormat format;
  ExportJob *job;

  if (self->bank == NULL || !ik_bank_format_from_name (g_variant_get_string (param, NULL), &format))
    return;

  name = ik_bank_export_default_filename (self->bank, format);
  chooser = gtk_file_chooser_native_new (_("Export Bank"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->bank = g_object_ref (self->bank);
  job->format = format;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Other actions ------------------------------------------------------ */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->questions_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
close_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->competency_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  gtk_toggle_button_set_active (self->edit_button, !gtk_toggle_button_get_active (self->edit_button));
}

/* The selected questions when they all belong to one bank, else NULL. */
static IkBank *
selection_bank (IkQuestionBrowser *self,
                GPtrArray         *selected)
{
  IkBank *bank = NULL;

  for (guint i = 0; i < selected->len; i++)
    {
      IkBank *other = bank_of_question (self, g_ptr_array_index (selected, i));

      if (bank != NULL && other != bank)
        return NULL;
      bank = other;
    }
  return bank;
}

static void
plan_interview_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(GPtrArray) selected = get_selected_questions (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  IkBank *bank = selection_bank (self, selected);

  if (bank == NULL || selected->len == 0)
    return;
  for (guint i = 0; i < selected->len; i++)
    g_strv_builder_add (builder, ik_question_get_id (g_ptr_array_index (selected, i)));
  ids = g_strv_builder_end (builder);

  gtk_widget_activate_action_variant (widget, "win.plan-interview",
                                      g_variant_new ("(s^as)", ik_bank_get_id (bank), ids));
}

static void
update_actions (IkQuestionBrowser *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GPtrArray) selected = get_selected_questions (self);
  gboolean has_bank = self->bank != NULL;
  gboolean one = selected->len == 1;
  IkBank *plan_bank = selection_bank (self, selected);

  gtk_widget_action_set_enabled (widget, "browser.show-bank", has_bank);
  gtk_widget_action_set_enabled (widget, "browser.rename-bank", has_bank);
  gtk_widget_action_set_enabled (widget, "browser.duplicate-bank", has_bank);
  gtk_widget_action_set_enabled (widget, "browser.delete-bank",
                                 has_bank && ik_bank_get_origin (self->bank) != IK_BANK_ORIGIN_BUNDLED);
  gtk_widget_action_set_enabled (widget, "browser.export", has_bank);
  gtk_widget_action_set_enabled (widget, "browser.add-question", has_bank);
  gtk_widget_action_set_enabled (widget, "browser.delete-question", selected->len > 0);
  gtk_widget_action_set_enabled (widget, "browser.move-up", one);
  gtk_widget_action_set_enabled (widget, "browser.move-down", one);
  gtk_widget_action_set_enabled (widget, "browser.edit", one);
  gtk_widget_action_set_enabled (widget, "browser.plan-interview", selected->len > 0 && plan_bank != NULL);
  gtk_widget_action_set_enabled (widget, "browser.close-search", self->searching ||
                                 gtk_search_bar_get_search_mode (self->search_bar));

  if (selected->len > 0)
    {
      g_autofree char *text = plan_bank != NULL
        ? g_strdup_printf (ngettext ("%u selected", "%u selected", selected->len), selected->len)
        : g_strdup (_("Select questions of one bank"));
      gtk_label_set_text (self->selection_label, text);
    }
  gtk_revealer_set_reveal_child (self->plan_revealer, selected->len > 0);
}

/* ---- Construction ------------------------------------------------------- */

static void
on_banks_changed (IkQuestionBrowser *self)
{
  update_stacks (self);
}

/* A bank the user just added (imported, created, duplicated) is shown. */
static void
on_library_banks_changed (GListModel        *banks,
                          guint              position,
                          guint              removed,
                          guint              added,
                          IkQuestionBrowser *self)
{
  g_autoptr(IkBank) bank = NULL;

  if (removed != 0 || added != 1 || !ik_library_get_loaded (self->library))
    return;
  bank = g_list_model_get_item (banks, position);
  ik_question_browser_select_bank (self, bank);
}

static void
on_questions_changed (IkQuestionBrowser *self)
{
  update_stacks (self);
}

static void
on_folded_changed (IkQuestionBrowser *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->questions_back_button, folded);
  gtk_widget_set_visible (self->detail_back_button, folded);
  /* With one column at a time, a tap opens what it selects. */
  gtk_list_view_set_single_click_activate (self->banks_view, folded);
  gtk_list_view_set_single_click_activate (self->questions_view, folded);
}

/* Prepares the search text of every question in small idle slices after
 * the library arrives, so the first keystroke of a search is as fast as the
 * others instead of folding 10,000 questions at once. */
static gboolean
warm_search (gpointer user_data)
{
  IkQuestionBrowser *self = user_data;

  if (ik_search_model_warm (self->all_questions, &self->warm_position, 250))
    return G_SOURCE_CONTINUE;
  self->warm_source = 0;
  return G_SOURCE_REMOVE;
}

static void
on_all_questions_changed (IkQuestionBrowser *self)
{
  /* Questions already prepared are skipped cheaply, so start over. */
  self->warm_position = 0;
  if (self->warm_source == 0)
    self->warm_source = g_idle_add_full (G_PRIORITY_LOW, warm_search, self, NULL);
}

static void
ik_question_browser_constructed (GObject *object)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (object);
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (ik_question_browser_parent_class)->constructed (object);

  g_assert (self->library != NULL);

  self->all_questions = ik_search_model_new (ik_library_get_banks (self->library));
  self->query = ik_search_query_new (NULL, NULL, NULL);
  g_signal_connect_object (self->all_questions, "items-changed",
                           G_CALLBACK (on_all_questions_changed), self, G_CONNECT_SWAPPED);
  on_all_questions_changed (self);

  /* Banks */
  self->banks_model = g_object_ref (ik_library_get_banks (self->library));
  self->banks_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->banks_model)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (bank_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bank_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (bank_row_unbind), self);
  gtk_list_view_set_factory (self->banks_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->banks_view, GTK_SELECTION_MODEL (self->banks_selection));
  g_signal_connect_swapped (self->banks_selection, "notify::selected-item", G_CALLBACK (on_bank_selected), self);
  g_signal_connect_swapped (self->banks_view, "activate", G_CALLBACK (on_bank_activated), self);
  g_signal_connect_object (self->banks_model, "items-changed", G_CALLBACK (on_banks_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::loaded", G_CALLBACK (on_banks_changed), self, G_CONNECT_SWAPPED);
  /* After the selection has seen the change. */
  g_signal_connect_object (ik_library_get_banks (self->library), "items-changed",
                           G_CALLBACK (on_library_banks_changed), self, G_CONNECT_AFTER);

  /* Questions */
  self->questions_filter = gtk_custom_filter_new (questions_filter_func, self, NULL);
  self->questions_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->questions_filter)));
  self->questions_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->questions_model)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (question_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (question_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (question_row_unbind), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (question_row_teardown), self);
  gtk_list_view_set_factory (self->questions_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->questions_view, GTK_SELECTION_MODEL (self->questions_selection));
  g_signal_connect_swapped (self->questions_selection, "selection-changed",
                            G_CALLBACK (on_question_selection_changed), self);
  g_signal_connect_swapped (self->questions_selection, "items-changed",
                            G_CALLBACK (on_question_selection_changed), self);
  g_signal_connect_swapped (self->questions_model, "items-changed", G_CALLBACK (on_questions_changed), self);
  g_signal_connect_swapped (self->questions_view, "activate", G_CALLBACK (on_question_activated), self);

  /* Detail */
  self->question_editor = ik_question_editor_new (self->library);
  gtk_stack_add_named (self->detail_stack, self->question_editor, "edit");
  g_signal_connect_swapped (self->question_editor, "prepare-copy", G_CALLBACK (on_prepare_copy), self);
  g_signal_connect_swapped (self->question_editor, "bank-copied", G_CALLBACK (on_question_editor_copied), self);
  self->bank_editor = ik_bank_editor_new (self->library);
  gtk_stack_add_named (self->detail_stack, self->bank_editor, "bank");
  g_signal_connect_swapped (self->bank_editor, "prepare-copy", G_CALLBACK (on_prepare_copy), self);
  g_signal_connect_swapped (self->bank_editor, "bank-copied", G_CALLBACK (on_bank_editor_copied), self);

  on_folded_changed (self);
  set_bank (self, gtk_single_selection_get_selected_item (self->banks_selection));
  update_detail (self);
}

/**
 * ik_question_browser_new:
 * @library: the library whose banks are shown
 *
 * Returns: (transfer floating): a new question browser
 */
GtkWidget *
ik_question_browser_new (IkLibrary *library)
{
  g_return_val_if_fail (IK_IS_LIBRARY (library), NULL);

  return g_object_new (IK_TYPE_QUESTION_BROWSER, "library", library, NULL);
}

/**
 * ik_question_browser_get_library:
 *
 * Returns: (transfer none): the library shown
 */
IkLibrary *
ik_question_browser_get_library (IkQuestionBrowser *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_BROWSER (self), NULL);

  return self->library;
}

/**
 * ik_question_browser_get_bank:
 *
 * Returns: (transfer none) (nullable): the selected bank
 */
IkBank *
ik_question_browser_get_bank (IkQuestionBrowser *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_BROWSER (self), NULL);

  return self->bank;
}

/**
 * ik_question_browser_get_questions:
 *
 * Returns: (transfer none): the questions listed: those of the selected
 * bank, or the search results of every bank, as a #GtkSelectionModel
 */
GListModel *
ik_question_browser_get_questions (IkQuestionBrowser *self)
{
  g_return_val_if_fail (IK_IS_QUESTION_BROWSER (self), NULL);

  return G_LIST_MODEL (self->questions_selection);
}

static void
ik_question_browser_dispose (GObject *object)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (object);
  GtkWidget *child;

  if (self->bank != NULL)
    g_clear_signal_handler (&self->bank_title_handler, self->bank);
  if (self->question != NULL)
    g_clear_signal_handler (&self->question_handler, self->question);

  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_QUESTION_BROWSER);
  /* The template's top widget is our child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_object (&self->questions_selection);
  g_clear_object (&self->questions_model);
  g_clear_object (&self->questions_filter);
  g_clear_object (&self->banks_selection);
  g_clear_object (&self->banks_model);
  g_clear_handle_id (&self->warm_source, g_source_remove);
  g_clear_object (&self->all_questions);
  g_clear_pointer (&self->query, ik_search_query_unref);
  g_clear_pointer (&self->competency_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_object (&self->competency_names);
  g_clear_object (&self->tag_names);
  g_clear_object (&self->question);
  g_clear_object (&self->question_bank);
  g_clear_object (&self->bank);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (ik_question_browser_parent_class)->dispose (object);
}

static void
ik_question_browser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_question_browser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ik_question_browser_class_init (IkQuestionBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ik_question_browser_constructed;
  object_class->dispose = ik_question_browser_dispose;
  object_class->set_property = ik_question_browser_set_property;
  object_class->get_property = ik_question_browser_get_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL, IK_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-question-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, main_stack);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, banks_view);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_page);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_back_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, bank_title_label);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, bank_menu_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_bar);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, competency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_stack);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_view);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, plan_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, selection_label);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, detail_back_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, detail_title_label);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, question_actions);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, many_page);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, question_box);

  gtk_widget_class_install_action (widget_class, "browser.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "browser.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "browser.close-search", NULL, close_search_action);
  gtk_widget_class_install_action (widget_class, "browser.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "browser.new-bank", NULL, new_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.show-bank", NULL, show_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.rename-bank", NULL, rename_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.duplicate-bank", NULL, duplicate_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.delete-bank", NULL, delete_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "browser.add-question", NULL, add_question_action);
  gtk_widget_class_install_action (widget_class, "browser.delete-question", NULL, delete_question_action);
  gtk_widget_class_install_action (widget_class, "browser.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "browser.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "browser.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "browser.plan-interview", NULL, plan_interview_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "browser.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "browser.close-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "browser.add-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "browser.new-bank", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "browser.delete-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "browser.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "browser.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "browser.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "browser.plan-interview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "browser.rename-bank", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "browser.show-bank", NULL);
}

static void
ik_question_browser_init (IkQuestionBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->competency_ids = g_ptr_array_new_with_free_func (g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->competency_names = gtk_string_list_new ((const char * const []) { _("All Competencies"), NULL });
  self->tag_names = gtk_string_list_new ((const char * const []) { _("All Tags"), NULL });
  gtk_drop_down_set_model (self->competency_dropdown, G_LIST_MODEL (self->competency_names));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tag_names));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->questions_page);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (update_search), self);
  g_signal_connect_swapped (self->competency_dropdown, "notify::selected", G_CALLBACK (update_search), self);
  g_signal_connect_swapped (self->tag_dropdown, "notify::selected", G_CALLBACK (update_search), self);
  g_signal_connect_swapped (self->edit_button, "toggled", G_CALLBACK (on_edit_toggled), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self);
}
