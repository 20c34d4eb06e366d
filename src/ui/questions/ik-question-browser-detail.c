/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-question-browser-detail.c: the detail column of the browser. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ik-bank-editor.h"
#include "ik-export-files.h"
#include "ik-question-browser-private.h"
#include "ik-question-editor.h"
#include "ik-question-row.h"
#include "ik-search.h"
#include "ik-window.h"

/* ---- Detail ------------------------------------------------------------- */

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

  if (question == NULL && self->question_box == NULL)
    return;
  ik_question_browser_ensure_page (self, self->detail_stack, "question");
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
      self->usage = question != NULL ? ik_library_count_question_usage (self->library, ik_question_get_id (question)) : 0;
      if (question != NULL)
        self->question_handler = g_signal_connect_swapped (question, "changed",
                                                           G_CALLBACK (rebuild_question_view), self);
    }
  g_set_object (&self->question_bank, bank);
  rebuild_question_view (self);
  if (self->question_editor != NULL)
    ik_question_editor_set_question (IK_QUESTION_EDITOR (self->question_editor), bank, question);
}

/* The editors, built the first time they are needed. */
static GtkWidget *
add_editor (IkQuestionBrowser *self,
            GtkWidget         *editor,
            const char        *name,
            GCallback          on_copied)
{
  gtk_stack_add_named (self->detail_stack, editor, name);
  g_signal_connect_swapped (editor, "prepare-copy", G_CALLBACK (ik_question_browser_on_prepare_copy), self);
  g_signal_connect_swapped (editor, "bank-copied", on_copied, self);
  return editor;
}

GtkWidget *
ik_question_browser_ensure_question_editor (IkQuestionBrowser *self)
{
  if (self->question_editor == NULL)
    {
      self->question_editor = add_editor (self, ik_question_editor_new (self->library), "edit",
                                          G_CALLBACK (ik_question_browser_on_question_editor_copied));
      ik_question_editor_set_question (IK_QUESTION_EDITOR (self->question_editor),
                                       self->question_bank, self->question);
    }
  return self->question_editor;
}

GtkWidget *
ik_question_browser_ensure_bank_editor (IkQuestionBrowser *self)
{
  if (self->bank_editor == NULL)
    self->bank_editor = add_editor (self, ik_bank_editor_new (self->library), "bank",
                                    G_CALLBACK (ik_question_browser_on_bank_editor_copied));
  return self->bank_editor;
}

void
ik_question_browser_update_detail (IkQuestionBrowser *self)
{
  g_autoptr(GPtrArray) selected = ik_question_browser_get_selected_questions (self);

  if (self->retargeting)
    return;

  if (selected->len > 0)
    self->showing_bank = FALSE;

  gtk_widget_set_visible (self->question_actions, !self->showing_bank && selected->len == 1);

  if (self->showing_bank)
    {
      ik_bank_editor_set_bank (IK_BANK_EDITOR (ik_question_browser_ensure_bank_editor (self)), self->bank);
      gtk_label_set_text (self->detail_title_label, _("Bank Details"));
      gtk_stack_set_visible_child_name (self->detail_stack, "bank");
      set_question (self, NULL, NULL);
    }
  else if (selected->len == 1)
    {
      IkQuestion *question = g_ptr_array_index (selected, 0);

      set_question (self, question, ik_question_browser_bank_of_question (self, question));
      if (gtk_toggle_button_get_active (self->edit_button))
        ik_question_browser_ensure_question_editor (self);
      gtk_label_set_text (self->detail_title_label,
                          gtk_toggle_button_get_active (self->edit_button) ? _("Edit Question") : _("Question"));
      ik_question_browser_show_page (self, self->detail_stack,
                                     gtk_toggle_button_get_active (self->edit_button) ? "edit" : "question");
    }
  else if (selected->len > 1)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u Question Selected", "%u Questions Selected",
                                                          selected->len), selected->len);
      set_question (self, NULL, NULL);
      ik_question_browser_show_page (self, self->detail_stack, "many");
      adw_status_page_set_title (self->many_page, title);
      gtk_label_set_text (self->detail_title_label, "");
    }
  else
    {
      set_question (self, NULL, NULL);
      gtk_label_set_text (self->detail_title_label, "");
      /* An invitation to select once there are questions to select:
       * with the banks, before the interviews have loaded. */
      ik_question_browser_show_page (self, self->detail_stack,
                                     self->bank != NULL || ik_library_get_loaded (self->library)
                                       ? "none" : "loading");
    }

  ik_question_browser_update_actions (self);
}

void
ik_question_browser_on_question_selection_changed (IkQuestionBrowser *self)
{
  ik_question_browser_update_detail (self);
}

void
ik_question_browser_on_question_activated (IkQuestionBrowser *self,
                       guint              position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->questions_selection), position, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

void
ik_question_browser_on_edit_toggled (IkQuestionBrowser *self)
{
  ik_question_browser_update_detail (self);
  if (gtk_toggle_button_get_active (self->edit_button) && self->question != NULL)
    gtk_widget_child_focus (ik_question_browser_ensure_question_editor (self), GTK_DIR_TAB_FORWARD);
}

void
ik_question_browser_on_prepare_copy (IkQuestionBrowser *self)
{
  self->retargeting = TRUE;
}

void
ik_question_browser_on_question_editor_copied (IkQuestionBrowser *self,
                           IkBank            *copy,
                           IkQuestion        *question)
{
  guint position;

  if (ik_question_browser_find_position (G_LIST_MODEL (self->banks_model), copy, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
  ik_question_browser_set_bank (self, copy);
  ik_question_browser_select_question (self, question);
  self->retargeting = FALSE;
  ik_question_browser_update_detail (self);
}

void
ik_question_browser_on_bank_editor_copied (IkQuestionBrowser *self,
                       IkBank            *copy)
{
  guint position;

  if (ik_question_browser_find_position (G_LIST_MODEL (self->banks_model), copy, &position))
    gtk_single_selection_set_selected (self->banks_selection, position);
  ik_question_browser_set_bank (self, copy);
  self->retargeting = FALSE;
}
