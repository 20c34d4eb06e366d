/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The question browser: where an interviewer prepares.
 *
 * Three columns in an AdwLeaflet: the banks, the questions of the selected
 * bank (or, while searching, of every bank), and the selected question in
 * full, its editor, or the bank's own page. On narrow windows one column is
 * shown at a time, with back buttons.
 *
 * The question list is a one-column GtkGridView over an IkSearchResults
 * whose list is either the selected bank's questions or, while searching,
 * an IkSearchModel of every question, so that a library of 10,000
 * questions costs only the rows on screen. A grid view, not a list view:
 * GTK 4.8's list view keeps 200 rows bound whatever the window's height,
 * and each search keystroke rebound and measured all of them (28 ms of a
 * 31 ms keystroke); the grid keeps about 30. It is presented as a list to
 * screen readers (ik_accessible_make_list_item()).
 *
 * This unit builds the widget and holds the bank and question lists; the
 * search, the detail column and editing (delete with Undo, reorder, add,
 * export) are in ik-question-browser-{search,detail,edit}.c, sharing
 * ik-question-browser-private.h.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ik-accessible.h"
#include "ik-tooltip.h"
#include "ik-scroller-bin.h"
#include "ik-bank-editor.h"
#include "ik-export-files.h"
#include "ik-question-browser-private.h"
#include "ik-question-editor.h"
#include "ik-menu-button.h"
#include "ik-question-row.h"
#include "ik-row-text.h"
#include "ik-revealer.h"
#include "ik-search.h"
#include "ik-window.h"
#include "ik-wrapped-labels.h"

G_DEFINE_FINAL_TYPE (IkQuestionBrowser, ik_question_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Helpers ------------------------------------------------------------ */

gboolean
ik_question_browser_find_position (GListModel *model,
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

void
ik_question_browser_show_toast (IkQuestionBrowser *self,
            AdwToast          *toast)
{
  ik_window_add_toast_for_widget (GTK_WIDGET (self), toast);
}

void
ik_question_browser_show_error (IkQuestionBrowser *self,
            const char        *heading,
            const char        *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The bank holding a question of the list. */
IkBank *
ik_question_browser_bank_of_question (IkQuestionBrowser *self,
                  IkQuestion        *question)
{
  IkBank *bank = ik_search_model_get_bank (self->all_questions, question);

  return bank != NULL ? bank : self->bank;
}

/* The questions selected in the list, in list order. */
GPtrArray *
ik_question_browser_get_selected_questions (IkQuestionBrowser *self)
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

void
ik_question_browser_select_question (IkQuestionBrowser *self,
                 IkQuestion        *question)
{
  guint position;

  if (question != NULL && ik_question_browser_find_position (G_LIST_MODEL (self->questions_model), question, &position))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection), position, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self->questions_view), "list.scroll-to-item", "u", position);
    }
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->questions_selection));
}

/* Makes @bank editable: a bundled bank is replaced in the library by the
 * user's copy, which is then selected in place of it. */
IkBank *
ik_question_browser_ensure_editable_bank (IkQuestionBrowser *self,
                      IkBank            *bank)
{
  IkBank *copy;
  guint position;

  if (ik_bank_get_origin (bank) != IK_BANK_ORIGIN_BUNDLED)
    return bank;

  self->retargeting = TRUE;
  copy = ik_library_make_user_copy (self->library, bank);
  if (ik_question_browser_find_position (G_LIST_MODEL (self->banks_model), copy, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
  self->retargeting = FALSE;

  if (self->bank == bank)
    ik_question_browser_set_bank (self, copy);
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
  n = ik_bank_get_n_questions (bank);
  n_text = g_strdup_printf ("%u", n);
  description = g_strdup_printf (ngettext ("%u question", "%u questions", n), n);
  ik_row_text_set_text (IK_ROW_TEXT (title), ik_bank_get_title (bank));
  gtk_label_set_text (GTK_LABEL (count), n_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ik_bank_get_title (bank),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  ik_widget_set_tooltip_text (box, ik_bank_get_origin (bank) == IK_BANK_ORIGIN_BUNDLED
                                      ? _("Bundled with Interview Kit") : NULL);
}

static void
bank_row_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* One line with an ellipsis, laid out once at the width it gets: a
   * GtkLabel that ellipsizes lays its text out for its natural width,
   * for its narrowest and for its height each time it is measured, and
   * the sidebar, as wide as it is set, does not grow with a long title. */
  GtkWidget *title = ik_row_text_new (1, 0.5);
  GtkWidget *count = gtk_label_new (NULL);

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
  ik_accessible_make_list_item (item);
  ik_accessible_name_list_item (item, gtk_list_item_get_child (item), NULL);
  title_handler = g_signal_connect_swapped (bank, "notify::title", G_CALLBACK (update_bank_row), item);
  count_handler = g_signal_connect_swapped (ik_bank_peek_questions (bank), "items-changed",
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
  g_clear_signal_handler (&count_handler, ik_bank_peek_questions (bank));
}

/* The heading follows the selected bank's title through a binding group
 * whose source is the selected bank; while searching it names the results. */
static gboolean
bank_title_to_label (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  IkQuestionBrowser *self = user_data;

  g_value_set_string (to, self->searching ? _("Search Results") : g_value_get_string (from));
  return TRUE;
}

void
ik_question_browser_update_bank_title (IkQuestionBrowser *self)
{
  gtk_label_set_text (self->bank_title_label,
                      self->searching ? _("Search Results")
                                      : self->bank != NULL ? ik_bank_get_title (self->bank) : "");
}

void
ik_question_browser_set_bank (IkQuestionBrowser *self,
          IkBank            *bank)
{
  if (g_set_object (&self->bank, bank))
    g_binding_group_set_source (self->bank_bindings, bank);

  if (!self->searching)
    ik_search_results_set_model (self->questions_model,
                                 bank != NULL ? ik_bank_get_questions (bank) : NULL);
  if (self->showing_bank)
    ik_bank_editor_set_bank (IK_BANK_EDITOR (ik_question_browser_ensure_bank_editor (self)), bank);

  ik_question_browser_update_bank_title (self);
  ik_question_browser_update_stacks (self);
  ik_question_browser_update_actions (self);
}

static void
on_bank_selected (IkQuestionBrowser *self)
{
  if (self->retargeting)
    return;
  ik_question_browser_set_bank (self, gtk_single_selection_get_selected_item (self->banks_selection));
  ik_question_browser_update_detail (self);
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

  if (ik_question_browser_find_position (G_LIST_MODEL (self->banks_model), bank, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
}

/* ---- Questions list ----------------------------------------------------- */

void
ik_question_browser_bind_row (IkQuestionBrowser *self,
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
  ik_question_browser_move_question_to (self, dropped, onto);
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
  ik_window_remember_list_item (row, item);
  gtk_list_item_set_child (item, row);
}

static void
question_row_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   IkQuestionBrowser        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  ik_question_browser_bind_row (self, IK_QUESTION_ROW (row), gtk_list_item_get_item (item));
  ik_accessible_make_list_item (item);
  ik_accessible_name_list_item (item, row, NULL);
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

/**
 * ik_question_browser_ensure_page:
 * @self: a question browser
 * @stack: one of its stacks
 * @name: the name of a page of @stack
 *
 * Returns: (transfer none): the page @name of @stack. The pages that only
 * some states show (the status pages "empty", "no-results",
 * "no-questions", "many" and "none", and the "question" page) are built
 * from ik-question-browser-pages.ui the first time: in the template, the
 * ones start-up never shows cost 25 million instructions, 3% of the work
 * before the first frame.
 */
GtkWidget *
ik_question_browser_ensure_page (IkQuestionBrowser *self,
                                 GtkStack          *stack,
                                 const char        *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (stack, name);

  if (page == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strconcat (name, "_page", NULL);
      const char *ids[] = { g_strdelimit (id, "-", '_'), NULL };

      if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_BASE "/ui/ik-question-browser-pages.ui",
                                                  ids, &error))
        g_error ("The page “%s” of the question browser could not be built: %s", name, error->message);
      page = GTK_WIDGET (gtk_builder_get_object (builder, id));
      g_assert (page != NULL);
      gtk_stack_add_named (stack, page, name);
      ik_accessible_fix_names (page);
      ik_status_pages_measure_cheaply (page);
      if (strcmp (name, "many") == 0)
        self->many_page = ADW_STATUS_PAGE (page);
      else if (strcmp (name, "question") == 0)
        self->question_box = GTK_BOX (gtk_builder_get_object (builder, "question_box"));
    }
  return page;
}

/**
 * ik_question_browser_show_page:
 * @self: a question browser
 * @stack: one of its stacks
 * @name: the name of a page of @stack
 *
 * Shows a page of @stack, built the first time if need be
 * (ik_question_browser_ensure_page()).
 */
void
ik_question_browser_show_page (IkQuestionBrowser *self,
                               GtkStack          *stack,
                               const char        *name)
{
  gtk_stack_set_visible_child (stack, ik_question_browser_ensure_page (self, stack, name));
}

void
ik_question_browser_update_stacks (IkQuestionBrowser *self)
{
  guint n_banks = g_list_model_get_n_items (G_LIST_MODEL (self->banks_model));
  guint n_questions = g_list_model_get_n_items (G_LIST_MODEL (self->questions_model));

  ik_question_browser_show_page (self, self->main_stack,
                                 n_banks == 0 && ik_library_get_loaded (self->library) ? "empty" : "browser");

  if (n_questions > 0)
    ik_question_browser_show_page (self, self->questions_stack, "list");
  else if (self->searching)
    ik_question_browser_show_page (self, self->questions_stack, "no-results");
  else
    ik_question_browser_show_page (self, self->questions_stack, self->bank != NULL ? "no-questions" : "list");
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
  ik_question_browser_clear_filters (self);
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
      IkBank *other = ik_question_browser_bank_of_question (self, g_ptr_array_index (selected, i));

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
  g_autoptr(GPtrArray) selected = ik_question_browser_get_selected_questions (self);
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

void
ik_question_browser_update_actions (IkQuestionBrowser *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GPtrArray) selected = ik_question_browser_get_selected_questions (self);
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
  ik_revealer_set_revealed (self->plan_revealer, selected->len > 0);
}

/* ---- Construction ------------------------------------------------------- */

static void
on_banks_changed (IkQuestionBrowser *self)
{
  ik_question_browser_update_stacks (self);
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
  /* Questions already prepared are skipped cheaply, so start over. Not
   * while the library loads (the banks are shown before the sessions are
   * read): the slices would take the processor from the load's threads,
   * which yield to this one; on_library_loaded() starts them. */
  self->warm_position = 0;
  if (self->warm_source == 0 && ik_library_get_loaded (self->library))
    self->warm_source = g_idle_add_full (G_PRIORITY_LOW, warm_search, self, NULL);
}

static void
on_library_loaded (IkQuestionBrowser *self)
{
  ik_question_browser_update_stacks (self);
  ik_question_browser_update_detail (self);
  on_all_questions_changed (self);
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
  ik_question_browser_update_stacks (self);
}

/* Enter on a question shows it. Side by side, the keyboard stays on the
 * row (the leaflet would hand it to the first button of the detail column,
 * "Move Question Up"); one column at a time, it goes to the Back button,
 * never to a button that changes the bank. */
static void
on_question_row_activated (IkQuestionBrowser *self,
                           guint              position)
{
  ik_question_browser_on_question_activated (self, position);
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (self->detail_back_button);
  else
    ik_window_focus_list_row (GTK_WIDGET (self->questions_view), position);
}

static void
on_folded_changed (IkQuestionBrowser *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->questions_back_button, folded);
  gtk_widget_set_visible (self->detail_back_button, folded);
  /* With one column at a time, a tap opens what it selects. */
  gtk_grid_view_set_single_click_activate (self->banks_view, folded);
  gtk_grid_view_set_single_click_activate (self->questions_view, folded);
}


static void
ik_question_browser_constructed (GObject *object)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (object);
  GtkListItemFactory *factory;
  GtkEventController *delete_keys;

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
  gtk_grid_view_set_factory (self->banks_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->banks_view, GTK_SELECTION_MODEL (self->banks_selection));
  g_signal_connect_swapped (self->banks_selection, "notify::selected-item", G_CALLBACK (on_bank_selected), self);
  g_signal_connect_swapped (self->banks_view, "activate", G_CALLBACK (on_bank_activated), self);
  g_signal_connect_object (self->banks_model, "items-changed", G_CALLBACK (on_banks_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::loaded", G_CALLBACK (on_library_loaded), self, G_CONNECT_SWAPPED);
  /* After the selection has seen the change. */
  g_signal_connect_object (ik_library_get_banks (self->library), "items-changed",
                           G_CALLBACK (on_library_banks_changed), self, G_CONNECT_AFTER);

  /* Questions */
  self->questions_model = ik_search_results_new ();
  self->questions_selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->questions_model)));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (question_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (question_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (question_row_unbind), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (question_row_teardown), self);
  gtk_grid_view_set_factory (self->questions_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->questions_view, GTK_SELECTION_MODEL (self->questions_selection));
  g_signal_connect_swapped (self->questions_selection, "selection-changed",
                            G_CALLBACK (ik_question_browser_on_question_selection_changed), self);
  g_signal_connect_swapped (self->questions_selection, "items-changed",
                            G_CALLBACK (ik_question_browser_on_question_selection_changed), self);
  g_signal_connect_swapped (self->questions_model, "items-changed", G_CALLBACK (on_questions_changed), self);
  g_signal_connect_swapped (self->questions_view, "activate", G_CALLBACK (on_question_row_activated), self);
  /* Delete only on the list itself: not on a button of the detail column,
   * and never in a text field. */
  delete_keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (delete_keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("browser.delete-question")));
  gtk_widget_add_controller (GTK_WIDGET (self->questions_view), delete_keys);

  /* The detail's question and bank editors are built when first shown
   * (ik_question_browser_ensure_question_editor()): a sixth of the
   * window's widgets, styled and measured for the first frame otherwise. */

  on_folded_changed (self);
  ik_question_browser_set_bank (self, gtk_single_selection_get_selected_item (self->banks_selection));
  ik_question_browser_update_detail (self);
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

  g_clear_object (&self->bank_bindings);
  if (self->question != NULL)
    g_clear_signal_handler (&self->question_handler, self->question);

  gtk_widget_dispose_template (GTK_WIDGET (self), IK_TYPE_QUESTION_BROWSER);
  /* The template's top widget is our child, not a bound one. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_object (&self->questions_selection);
  g_clear_object (&self->questions_model);
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
  g_type_ensure (IK_TYPE_SCROLLER_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ik-question-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, main_stack);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, leaflet);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, banks_view);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_page);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_back_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, bank_title_label);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, bank_menu_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, bank_menu);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_bar);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_box);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_stack);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, questions_view);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, plan_revealer);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, selection_label);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, detail_back_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, detail_title_label);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, question_actions);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IkQuestionBrowser, detail_stack);

  gtk_widget_class_install_action (widget_class, "browser.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "browser.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "browser.close-search", NULL, close_search_action);
  gtk_widget_class_install_action (widget_class, "browser.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "browser.new-bank", NULL, ik_question_browser_new_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.show-bank", NULL, ik_question_browser_show_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.rename-bank", NULL, ik_question_browser_rename_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.duplicate-bank", NULL, ik_question_browser_duplicate_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.delete-bank", NULL, ik_question_browser_delete_bank_action);
  gtk_widget_class_install_action (widget_class, "browser.export", "s", ik_question_browser_export_action);
  gtk_widget_class_install_action (widget_class, "browser.add-question", NULL, ik_question_browser_add_question_action);
  gtk_widget_class_install_action (widget_class, "browser.delete-question", NULL, ik_question_browser_delete_question_action);
  gtk_widget_class_install_action (widget_class, "browser.move-up", NULL, ik_question_browser_move_action);
  gtk_widget_class_install_action (widget_class, "browser.move-down", NULL, ik_question_browser_move_action);
  gtk_widget_class_install_action (widget_class, "browser.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "browser.plan-interview", NULL, plan_interview_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "browser.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "browser.close-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "browser.add-question", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "browser.new-bank", NULL);
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
  ik_menu_button_set_menu_on_demand (self->bank_menu_button, self->bank_menu);
  ik_accessible_fix_names (GTK_WIDGET (self));

  self->bank_bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bank_bindings, "title", self->bank_title_label, "label",
                             G_BINDING_SYNC_CREATE, bank_title_to_label, NULL, self, NULL);
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->competency_ids = g_ptr_array_new_with_free_func (g_free);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->competency_names = gtk_string_list_new ((const char * const []) { _("All Competencies"), NULL });
  self->tag_names = gtk_string_list_new ((const char * const []) { _("All Tags"), NULL });

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  ik_question_browser_hide_closed_search (self);
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->questions_page);
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (ik_question_browser_on_search_mode_changed), self);
  g_signal_connect_swapped (self->search_entry, "changed", G_CALLBACK (ik_question_browser_update_search), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (ik_question_browser_on_search_activate), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    /* Before the entry's own Down binding. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (ik_question_browser_on_search_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  g_signal_connect_swapped (self->edit_button, "toggled", G_CALLBACK (ik_question_browser_on_edit_toggled), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self);
}
