/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ik-question-browser-private.h: what the units of the question browser
 * share. ik-question-browser.c builds the widget and holds the bank and
 * question lists; -search.c the search; -detail.c the detail column;
 * -edit.c deleting, reordering, adding and exporting. */
#pragma once

#include <adwaita.h>

#include "ik-question-browser.h"
#include "ik-question-row.h"
#include "ik-search.h"
#include "ik-search-results.h"

G_BEGIN_DECLS

struct _IkQuestionBrowser
{
  GtkWidget            parent_instance;

  IkLibrary           *library;
  IkSearchModel       *all_questions;
  guint                warm_source;
  guint                warm_position;

  GListModel          *banks_model;         /* the library's banks */
  GtkSingleSelection  *banks_selection;
  IkSearchResults     *questions_model;
  GtkMultiSelection   *questions_selection;

  IkSearchQuery       *query;
  gboolean             searching;
  IkBank              *bank;
  GBindingGroup       *bank_bindings;
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

  /* NULL until first needed: ik_question_browser_ensure_*_editor(). */
  GtkWidget           *question_editor;
  GtkWidget           *bank_editor;

  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkGridView         *banks_view;   /* one column: see ik_accessible_make_list_item() */
  GtkWidget           *questions_page;
  GtkWidget           *questions_back_button;
  GtkLabel            *bank_title_label;
  GtkToggleButton     *search_button;
  GtkMenuButton       *bank_menu_button;
  GMenuModel          *bank_menu;
  GtkSearchBar        *search_bar;
  GtkBox              *search_box;
  GtkSearchEntry      *search_entry;
  /* NULL until the search bar first opens (ik_question_browser_ensure_filters()). */
  GtkDropDown         *competency_dropdown;
  GtkDropDown         *tag_dropdown;
  GtkStack            *questions_stack;
  GtkGridView         *questions_view;
  GtkRevealer         *plan_revealer;
  GtkLabel            *selection_label;
  GtkWidget           *detail_back_button;
  GtkLabel            *detail_title_label;
  GtkWidget           *question_actions;
  GtkToggleButton     *edit_button;
  GtkStack            *detail_stack;
  AdwStatusPage       *many_page;   /* NULL until first shown */
  GtkBox              *question_box;   /* NULL until the question page is built */
};

void
ik_question_browser_add_question_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param);

IkBank *
ik_question_browser_bank_of_question (IkQuestionBrowser *self,
                                      IkQuestion        *question);

void
ik_question_browser_bind_row (IkQuestionBrowser *self,
                              IkQuestionRow     *row,
                              IkQuestion        *question);

void
ik_question_browser_delete_bank_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param);

void
ik_question_browser_delete_question_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param);

void
ik_question_browser_duplicate_bank_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param);

IkBank *
ik_question_browser_ensure_editable_bank (IkQuestionBrowser *self,
                                          IkBank            *bank);

void
ik_question_browser_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param);

gboolean
ik_question_browser_find_position (GListModel *model,
                                   gpointer    item,
                                   guint      *position);

GPtrArray *
ik_question_browser_get_selected_questions (IkQuestionBrowser *self);

void
ik_question_browser_move_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param);

void
ik_question_browser_move_question_to (IkQuestionBrowser *self,
                                      IkQuestion        *question,
                                      IkQuestion        *target);

void
ik_question_browser_new_bank_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param);

void
ik_question_browser_on_bank_editor_copied (IkQuestionBrowser *self,
                                           IkBank            *copy);

void
ik_question_browser_on_edit_toggled (IkQuestionBrowser *self);

void
ik_question_browser_on_prepare_copy (IkQuestionBrowser *self);

GtkWidget *
ik_question_browser_ensure_question_editor (IkQuestionBrowser *self);

GtkWidget *
ik_question_browser_ensure_bank_editor (IkQuestionBrowser *self);

void
ik_question_browser_on_question_activated (IkQuestionBrowser *self,
                                           guint              position);

void
ik_question_browser_on_question_editor_copied (IkQuestionBrowser *self,
                                               IkBank            *copy,
                                               IkQuestion        *question);

void
ik_question_browser_on_question_selection_changed (IkQuestionBrowser *self);

void
ik_question_browser_on_search_mode_changed (IkQuestionBrowser *self);
void
ik_question_browser_on_search_activate (IkQuestionBrowser *self);
gboolean
ik_question_browser_on_search_key (GtkEventControllerKey *controller,
                                   guint                  keyval,
                                   guint                  keycode,
                                   GdkModifierType        state,
                                   IkQuestionBrowser     *self);

void
ik_question_browser_rename_bank_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param);

void
ik_question_browser_select_question (IkQuestionBrowser *self,
                                     IkQuestion        *question);

void
ik_question_browser_set_bank (IkQuestionBrowser *self,
                              IkBank            *bank);

void
ik_question_browser_show_bank_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param);

void
ik_question_browser_show_error (IkQuestionBrowser *self,
                                const char        *heading,
                                const char        *body);

void
ik_question_browser_show_toast (IkQuestionBrowser *self,
                                AdwToast          *toast);

void
ik_question_browser_update_actions (IkQuestionBrowser *self);

void
ik_question_browser_update_bank_title (IkQuestionBrowser *self);

void
ik_question_browser_update_detail (IkQuestionBrowser *self);

void
ik_question_browser_update_search (IkQuestionBrowser *self);
void
ik_question_browser_ensure_filters (IkQuestionBrowser *self);
void
ik_question_browser_clear_filters  (IkQuestionBrowser *self);
void
ik_question_browser_hide_closed_search (IkQuestionBrowser *self);

void
ik_question_browser_update_stacks (IkQuestionBrowser *self);

GtkWidget *
ik_question_browser_ensure_page (IkQuestionBrowser *self,
                                 GtkStack          *stack,
                                 const char        *name);
void
ik_question_browser_show_page (IkQuestionBrowser *self,
                               GtkStack          *stack,
                               const char        *name);

G_END_DECLS
