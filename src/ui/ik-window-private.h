/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ik-question-browser.h"
#include "ik-sessions-view.h"
#include "ik-window.h"

G_BEGIN_DECLS

struct _IkWindow
{
  AdwApplicationWindow  parent_instance;

  IkApplication        *application;
  IkLibrary            *library;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  AdwBin               *questions_bin;
  AdwBin               *interviews_bin;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkRevealer          *problems_revealer;
  GtkLabel             *problems_label;
  GtkRevealer          *retention_revealer;
  GtkLabel             *retention_label;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  AdwHeaderBar         *header_bar;
  AdwSqueezer          *title_squeezer;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherBar   *switcher_bar;

  IkQuestionBrowser    *question_browser; /* built after the first frame */
  guint                 build_browser_timeout;
  IkSessionsView       *sessions_view;
  guint                 n_imports;        /* running in a worker thread */

  struct _IkWindowUndo *undo;             /* the delete the toast can undo */
  AdwMessageDialog     *close_dialog;     /* asks when changes were not saved */
  gboolean              close_anyway;

  /* Sessions past their retention date, checked at the load and once a
   * day (tests give their own clock). */
  GPtrArray            *expired;
  GDateTime          *(*clock) (void);
  guint                 retention_timer;
  int                   retention_day;   /* g_date_time_get_day_of_year of the last check */
};

/* Checks for a new day this often; a day's check runs once. */
#define IK_WINDOW_RETENTION_TICK_SECONDS (60 * 60)

void               ik_window_class_add_actions       (GtkWidgetClass *widget_class);
IkSessionsView    *ik_window_ensure_sessions_view    (IkWindow       *self);
IkQuestionBrowser *ik_window_ensure_question_browser (IkWindow       *self);
void               ik_window_update_actions          (IkWindow       *self);
void               ik_window_check_retention         (IkWindow       *self);
gboolean           ik_window_retention_tick          (gpointer        data);
void               ik_window_set_clock               (IkWindow       *self,
                                                      GDateTime    *(*clock) (void));

G_END_DECLS
