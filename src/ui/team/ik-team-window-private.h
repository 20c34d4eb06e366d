/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the units of the team window share: ik-team-window.c builds the
 * window and the sidebar, ik-team-window-debrief.c one candidate's debrief
 * (grid, questions, tally, history, sync conflicts, exports) and
 * ik-team-window-calibration.c the calibration page. */
#pragma once

#include "ik-debrief.h"
#include "ik-team-window.h"

G_BEGIN_DECLS

typedef enum
{
  IK_TEAM_PAGE_NONE,
  IK_TEAM_PAGE_CALIBRATION,
  IK_TEAM_PAGE_CANDIDATE,
} IkTeamPage;

struct _IkTeamWindow
{
  AdwWindow             parent_instance;

  IkApplication        *app;
  IkTeamFolder         *team;
  IkCandidateMatches   *matches;         /* "same candidate?" answers */
  char                 *match_other_id;  /* the id the match banner offers */
  GListModel           *own_sessions;
  gboolean              publishing;      /* Publish is running */
  gboolean              hiring_lead;

  IkTeamPage            page;
  char                 *candidate_id;    /* with IK_TEAM_PAGE_CANDIDATE */
  IkDebrief            *debrief;         /* the one on screen, or NULL */
  gboolean              rebuilding_sidebar;
  guint                 rebuild_idle;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;     /* exports, conflict reads */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkMenuButton        *export_button;
  GtkRevealer          *publish_revealer;
  GtkLabel             *publish_label;
  GtkRevealer          *match_revealer;
  GtkLabel             *match_label;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkStack             *content_stack;
  AdwStatusPage        *status_page;
  AdwStatusPage        *blind_page;
  GtkScrolledWindow    *debrief_scroll;
  GtkBox               *debrief_box;
  GtkScrolledWindow    *calibration_scroll;
  GtkBox               *calibration_box;
};

/* ik-team-window.c */
const char *ik_team_window_get_own_id       (IkTeamWindow *self);
void        ik_team_window_show_error       (IkTeamWindow *self,
                                             const char   *heading,
                                             const char   *body);
void        ik_team_window_show_toast       (IkTeamWindow *self,
                                             const char   *title);
void        ik_team_window_clear_box        (GtkBox       *box);
GtkWidget  *ik_team_window_heading          (const char   *text);
GtkWidget  *ik_team_window_text             (const char   *text,
                                             const char   *css_class);
GtkWidget  *ik_team_window_notice           (const char   *icon_name,
                                             const char   *text,
                                             const char   *css_class);

/* The candidate's scorecards under every id confirmed as theirs. */
GPtrArray  *ik_team_window_list_scorecards  (IkTeamWindow *self,
                                             const char   *candidate_id);

/* ik-team-window-debrief.c */
void        ik_team_window_build_debrief    (IkTeamWindow *self);
void        ik_team_window_export           (IkTeamWindow *self,
                                             const char   *format);

/* ik-team-window-calibration.c */
void        ik_team_window_build_calibration (IkTeamWindow *self);

G_END_DECLS
