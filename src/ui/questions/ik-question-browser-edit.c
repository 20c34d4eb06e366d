/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-question-browser-edit.c: deleting with Undo, editing the structure
 * (add, reorder, drag and drop) and exporting banks. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ik-bank-editor.h"
#include "ik-export-files.h"
#include "ik-file-launcher.h"
#include "ik-question-browser-private.h"
#include "ik-question-editor.h"
#include "ik-question-row.h"
#include "ik-search.h"
#include "ik-window.h"

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
    ik_question_browser_select_question (undo->self, g_ptr_array_index (undo->questions, 0));
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

void
ik_question_browser_delete_question_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  IkQuestion *focused = ik_window_get_focused_list_item (GTK_WIDGET (self->questions_view));
  g_autoptr(GPtrArray) selected = NULL;
  IkWindow *window = ik_window_get_for_widget (widget);
  QuestionsUndo *undo;
  IkBank *bank;
  GListStore *store;
  g_autofree char *title = NULL;
  guint next_position = 0;
  g_autoptr(GtkBitset) listed = NULL;
  guint listed_position;

  /* Delete on a row outside the selection means that row. */
  selected = ik_question_browser_get_selected_questions (self);
  if (focused != NULL && !g_ptr_array_find (selected, focused, NULL)
      && ik_question_browser_find_position (G_LIST_MODEL (self->questions_selection), focused, &listed_position))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection), listed_position, TRUE);
      g_clear_pointer (&selected, g_ptr_array_unref);
      selected = ik_question_browser_get_selected_questions (self);
    }
  if (selected->len == 0)
    return;
  listed = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->questions_selection));
  listed_position = gtk_bitset_get_minimum (listed);

  /* Undo restores into one bank: delete the selected questions of the
   * bank of the first one. */
  bank = ik_question_browser_bank_of_question (self, g_ptr_array_index (selected, 0));
  if (bank == NULL)
    return;
  bank = ik_question_browser_ensure_editable_bank (self, bank);
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

      if (own != NULL && ik_question_browser_find_position (G_LIST_MODEL (store), own, &position))
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

  /* Keep the keyboard in the list, on the next question: not on a Delete
   * button, where a second Enter would delete again. */
  if (!self->searching && g_list_model_get_n_items (G_LIST_MODEL (self->questions_model)) > 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->questions_model));
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection),
                                       MIN (next_position, n - 1), TRUE);
    }
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "questions");
  ik_window_focus_list_row (GTK_WIDGET (self->questions_view), listed_position);
}

void
ik_question_browser_delete_bank_action (GtkWidget  *widget,
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
      ik_question_browser_show_toast (self, adw_toast_new (title));
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

  if (!ik_question_browser_find_position (G_LIST_MODEL (store), question, &from) || from == to)
    return;
  g_list_store_remove (store, from);
  g_list_store_insert (store, to, keep);
  ik_question_browser_select_question (self, keep);
}

void
ik_question_browser_move_question_to (IkQuestionBrowser *self,
                  IkQuestion        *question,
                  IkQuestion        *target)
{
  IkBank *bank = ik_question_browser_bank_of_question (self, question);
  IkBank *target_bank = ik_question_browser_bank_of_question (self, target);
  IkQuestion *own;
  IkQuestion *own_target;
  guint to;

  if (bank == NULL || bank != target_bank)
    return;
  bank = ik_question_browser_ensure_editable_bank (self, bank);
  own = ik_bank_find_question (bank, ik_question_get_id (question));
  own_target = ik_bank_find_question (bank, ik_question_get_id (target));
  if (own == NULL || own_target == NULL ||
      !ik_question_browser_find_position (ik_bank_get_questions (bank), own_target, &to))
    return;
  move_within_bank (self, bank, own, to);
}

void
ik_question_browser_move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(GPtrArray) selected = ik_question_browser_get_selected_questions (self);
  int delta = g_str_equal (action_name, "browser.move-up") ? -1 : 1;
  IkQuestion *question;
  IkBank *bank;
  guint from;
  guint n;

  if (selected->len != 1)
    return;
  question = g_ptr_array_index (selected, 0);
  bank = ik_question_browser_bank_of_question (self, question);
  if (bank == NULL)
    return;
  bank = ik_question_browser_ensure_editable_bank (self, bank);
  question = ik_bank_find_question (bank, ik_question_get_id (question));
  n = g_list_model_get_n_items (ik_bank_get_questions (bank));
  if (question == NULL || !ik_question_browser_find_position (ik_bank_get_questions (bank), question, &from))
    return;
  if ((delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;
  move_within_bank (self, bank, question, from + delta);
}

void
ik_question_browser_add_question_action (GtkWidget  *widget,
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
  bank = ik_question_browser_ensure_editable_bank (self, self->bank);
  g_list_store_append (G_LIST_STORE (ik_bank_get_questions (bank)), question);
  ik_question_browser_select_question (self, question);
  gtk_toggle_button_set_active (self->edit_button, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  gtk_widget_child_focus (ik_question_browser_ensure_question_editor (self), GTK_DIR_TAB_FORWARD);
}

static void
show_bank_page (IkQuestionBrowser *self)
{
  self->showing_bank = TRUE;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->questions_selection));
  ik_question_browser_update_detail (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

void
ik_question_browser_show_bank_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  if (self->bank != NULL)
    show_bank_page (self);
}

void
ik_question_browser_rename_bank_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);

  if (self->bank == NULL)
    return;
  show_bank_page (self);
  ik_bank_editor_focus_title (IK_BANK_EDITOR (ik_question_browser_ensure_bank_editor (self)));
}

void
ik_question_browser_new_bank_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  IkQuestionBrowser *self = IK_QUESTION_BROWSER (widget);
  g_autoptr(IkBank) bank = ik_bank_new (_("New Bank"));

  ik_question_browser_select_bank (self, ik_library_add_bank (self->library, bank));
  show_bank_page (self);
  ik_bank_editor_focus_title (IK_BANK_EDITOR (ik_question_browser_ensure_bank_editor (self)));
}

void
ik_question_browser_duplicate_bank_action (GtkWidget  *widget,
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
  GFile             *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->bank);
  g_clear_object (&job->file);
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
    ik_question_browser_show_toast (self, ik_export_toast_new (job->file));
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), ik_bank_get_title (job->bank));
      ik_question_browser_show_error (self, heading, error->message);
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
      /* Serialised now, written (with fsync) in a worker thread. */
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ik_bank_export_file_async (job->bank, job->format, job->file, NULL, on_bank_exported, job);
    }
  else
    export_job_free (job);
  g_object_unref (chooser);
}

void
ik_question_browser_export_action (GtkWidget  *widget,
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
